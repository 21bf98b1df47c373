/** React hooks over the client: reading an operation's answer, and submitting a form. */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { InputOf, OperationName, ResultOf } from '../../src-shared/contract';
import { areaOf, type DataArea } from '../../src-shared/contract/changes';
import type { OperationError, Result } from '../../src-shared/result';
import { Submission, type CallOptions } from './client';
import { changeFeed, client } from './instance';

export interface Query<Value> {
  data: Value | undefined;
  error: OperationError | null;
  loading: boolean;
  reload: () => void;
}

/**
 * Runs a read operation whenever its input changes (null input: not yet). An answer that
 * arrives after the input has changed again is dropped, so a slow reply never overwrites a
 * newer one. Data belongs to its input: another account's details never show while the new
 * ones load, unless `keepPrevious` (search results, which would flicker between keystrokes).
 * When another window, PC or job changes the books in this operation's area (changes.ts), it
 * runs again quietly: the shown data stays until the new answer replaces it.
 */
export function useQuery<Name extends OperationName>(
  name: Name,
  input: InputOf<Name> | null,
  options: { keepPrevious?: boolean } = {},
): Query<ResultOf<Name>> {
  const inputKey = input === null ? null : JSON.stringify(input);
  const [answer, setAnswer] = useState<{ key: string; data?: ResultOf<Name>; error: OperationError | null } | null>(null);
  const [loading, setLoading] = useState(inputKey !== null);
  const [generation, setGeneration] = useState(0);
  const quiet = useRef(false);

  useEffect(() => {
    if (inputKey === null) return;
    const area = areaOf(name);
    return changeFeed.subscribe((areas) => {
      if (area === null || !areas.has(area)) return;
      quiet.current = true;
      setGeneration((value) => value + 1);
    });
  }, [name, inputKey]);

  useEffect(() => {
    if (inputKey === null) return;
    let current = true;
    if (!quiet.current) setLoading(true);
    quiet.current = false;
    void client.call(name, JSON.parse(inputKey) as InputOf<Name>).then((result) => {
      if (!current) return;
      setAnswer(result.ok ? { key: inputKey, data: result.value, error: null } : { key: inputKey, error: result.error });
      setLoading(false);
    });
    return () => {
      current = false;
    };
  }, [name, inputKey, generation]);

  const reload = useCallback(() => setGeneration((value) => value + 1), []);
  const usable = answer !== null && (answer.key === inputKey || options.keepPrevious === true);
  return { data: usable ? answer.data : undefined, error: usable ? answer.error : null, loading, reload };
}

/** Runs `refresh` when the books change in `area` (for a view that loads by hand, page by page). */
export function useChanges(area: DataArea, refresh: () => void): void {
  const latest = useRef(refresh);
  latest.current = refresh;
  useEffect(
    () =>
      changeFeed.subscribe((areas) => {
        if (areas.has(area)) latest.current();
      }),
    [area],
  );
}

export interface SubmissionState {
  send<Name extends OperationName>(
    name: Name,
    input: InputOf<Name>,
    options?: Omit<CallOptions, 'idempotencyKey'>,
  ): Promise<Result<ResultOf<Name>>>;
  pending: boolean;
  /** The idempotency key of the write on its way: names its job for BulkProgress (jobs.progress, jobs.cancel). */
  pendingKey: string | null;
  /** The last refusal, to show beside its field (error.field) or above the form. */
  error: OperationError | null;
  clearError(): void;
}

/** A form's submissions, with the retry-keeps-its-key rule of Submission. */
export function useSubmission(): SubmissionState {
  const submission = useMemo(() => new Submission(client), []);
  const [pending, setPending] = useState(false);
  const [pendingKey, setPendingKey] = useState<string | null>(null);
  const [error, setError] = useState<OperationError | null>(null);
  const send: SubmissionState['send'] = useCallback(
    async (name, input, options) => {
      setPending(true);
      setError(null);
      const answer = submission.send(name, input, options);
      setPendingKey(submission.inFlightKey);
      const result = await answer;
      setPending(false);
      setPendingKey(null);
      if (!result.ok) setError(result.error);
      return result;
    },
    [submission],
  );
  const clearError = useCallback(() => setError(null), []);
  return { send, pending, pendingKey, error, clearError };
}
