/**
 * The renderer's one way to run an operation. Typed from the contract, so
 * `client.call('accounts.search', { query })` returns `Result<AccountSearchHit[]>`.
 * It carries the session token, gives every write an idempotency key, asks for a supervisor's
 * approval when the main process requires one (resending with the same key), resends a write
 * that found the database busy (another workstation saving) a couple of times with the same key,
 * and tells the app when the session has ended.
 */
import {
  contract, type InputOf, type OperationName, type ResultOf, type SupervisorApproval,
} from '../../src-shared/contract';
import type { SessionUser } from '../../src-shared/contract/system';
import { BUSY_RETRY_DELAYS_MS, fail, retryWhileBusy, type OperationError, type Result } from '../../src-shared/result';
import { newRequestId } from '../../src-shared/ids';
import type { Transport } from './transport';

export interface CallOptions {
  /** Reuse the key of an earlier attempt at the same submission; a fresh one otherwise. */
  idempotencyKey?: string;
  /** One line shown to the approving supervisor, e.g. "Credit $12.00 to account 10-0042". */
  purpose?: string;
}

export interface ApprovalRequest {
  /** What the operation does, from the contract. */
  summary: string;
  purpose?: string;
  /** Set when the previous credentials were refused. */
  refusal?: OperationError;
}
/** Resolves with a supervisor's credentials, or null when the clerk cancels. */
export type ApprovalPrompt = (request: ApprovalRequest) => Promise<SupervisorApproval | null>;

/** Wrong supervisor passwords tolerated in one approval before giving up. */
const MAX_APPROVAL_ATTEMPTS = 5;
const TOKEN_STORAGE_KEY = 'billing-office.session';

/** A new request or record id: time-ordered (src-shared/ids.ts). */
export const newIdempotencyKey = (): string => newRequestId();

/**
 * The dispatcher prefixes a field's message with its path ("customer.mailing.zip: ZIP is 5
 * digits"); beside the field itself the path is noise for a clerk.
 */
export function tidyError(error: OperationError): OperationError {
  const prefix = `${error.field}: `;
  return error.field && error.message.startsWith(prefix) ? { ...error, message: error.message.slice(prefix.length) } : error;
}

/** How the client resends a write that answered BUSY (tests pass a sleep that records instead of waiting). */
export interface BusyRetryOptions {
  delaysMs?: readonly number[];
  sleep?: (ms: number) => Promise<void>;
}

export class OfficeClient {
  private token: string | null;
  private approvalPrompt: ApprovalPrompt | null = null;
  private readonly sessionEndedListeners = new Set<(message: string) => void>();
  private readonly writtenListeners = new Set<(name: OperationName) => void>();

  constructor(
    private readonly transport: Transport,
    private readonly storage: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>,
    private readonly busyRetry: BusyRetryOptions = { delaysMs: BUSY_RETRY_DELAYS_MS },
  ) {
    this.token = storage.getItem(TOKEN_STORAGE_KEY);
  }

  get hasSession(): boolean {
    return this.token !== null;
  }

  /** Called when any call finds the session gone (timed out, password changed, server restarted). */
  onSessionEnded(listener: (message: string) => void): () => void {
    this.sessionEndedListeners.add(listener);
    return () => this.sessionEndedListeners.delete(listener);
  }

  /** Called after each write this window made went through (the change feed then looks at once). */
  onWritten(listener: (name: OperationName) => void): () => void {
    this.writtenListeners.add(listener);
    return () => this.writtenListeners.delete(listener);
  }

  setApprovalPrompt(prompt: ApprovalPrompt | null): void {
    this.approvalPrompt = prompt;
  }

  async login(username: string, password: string): Promise<Result<SessionUser>> {
    const result = await this.call('session.login', { username, password });
    if (!result.ok) return result;
    this.setToken(result.value.token);
    return { ok: true, value: result.value.user };
  }

  async logout(): Promise<void> {
    await this.call('session.logout', {});
    this.setToken(null);
  }

  async call<Name extends OperationName>(
    name: Name,
    input: InputOf<Name>,
    options: CallOptions = {},
  ): Promise<Result<ResultOf<Name>>> {
    const spec = contract[name];
    const idempotencyKey = spec.writes ? (options.idempotencyKey ?? newIdempotencyKey()) : undefined;
    let approval: SupervisorApproval | undefined;
    for (let attempt = 0; attempt <= MAX_APPROVAL_ATTEMPTS; attempt += 1) {
      const send = () =>
        this.transport(name, {
          input,
          ...(this.token ? { sessionToken: this.token } : {}),
          ...(idempotencyKey ? { idempotencyKey } : {}),
          ...(approval ? { approval } : {}),
        }) as Promise<Result<ResultOf<Name>>>;
      // Only a write carries a key that makes a resend safe; a read that found the database busy
      // is answered as it is.
      const result = idempotencyKey ? await retryWhileBusy(send, this.busyRetry) : await send();
      if (result.ok) {
        if (spec.writes) for (const listener of this.writtenListeners) listener(name);
        return result;
      }
      const { code } = result.error;
      if (code === 'NOT_LOGGED_IN') {
        this.endSession(result.error.message);
        return result;
      }
      const needsApproval = code === 'APPROVAL_REQUIRED' || code === 'APPROVAL_DENIED';
      if (!needsApproval || !this.approvalPrompt || attempt === MAX_APPROVAL_ATTEMPTS) {
        return { ok: false, error: tidyError(result.error) };
      }
      const credentials = await this.approvalPrompt({
        summary: spec.summary,
        ...(options.purpose ? { purpose: options.purpose } : {}),
        ...(code === 'APPROVAL_DENIED' ? { refusal: tidyError(result.error) } : {}),
      });
      if (!credentials) return fail('APPROVAL_REQUIRED', 'Nothing was changed: a supervisor did not approve it.');
      approval = credentials;
    }
    throw new Error('Invariant violated: the approval loop always returns');
  }

  private setToken(token: string | null): void {
    this.token = token;
    if (token) this.storage.setItem(TOKEN_STORAGE_KEY, token);
    else this.storage.removeItem(TOKEN_STORAGE_KEY);
  }

  private endSession(message: string): void {
    if (this.token === null) return;
    this.setToken(null);
    for (const listener of this.sessionEndedListeners) listener(message);
  }
}

/**
 * One form's submissions. Retrying the same content after a failure (a lost answer, a refusal)
 * keeps the same idempotency key, so the main process can never post it twice; changed
 * content, or a success, starts a new key. A second click while the first is on its way gets
 * the first one's answer.
 */
export class Submission {
  private last: { key: string; fingerprint: string } | null = null;
  private inFlight: { fingerprint: string; answer: Promise<Result<unknown>> } | null = null;

  constructor(private readonly client: OfficeClient) {}

  /** The idempotency key of the submission on its way, if one is: a job's name (jobs.progress). */
  get inFlightKey(): string | null {
    return this.inFlight && this.last ? this.last.key : null;
  }

  send<Name extends OperationName>(
    name: Name,
    input: InputOf<Name>,
    options: Omit<CallOptions, 'idempotencyKey'> = {},
  ): Promise<Result<ResultOf<Name>>> {
    const fingerprint = JSON.stringify([name, input]);
    if (this.inFlight?.fingerprint === fingerprint) return this.inFlight.answer as Promise<Result<ResultOf<Name>>>;
    if (this.last?.fingerprint !== fingerprint) this.last = { key: newIdempotencyKey(), fingerprint };
    const answer = this.client.call(name, input, { ...options, idempotencyKey: this.last.key });
    this.inFlight = { fingerprint, answer };
    const settle = () => {
      this.inFlight = null;
    };
    answer.then((result) => {
      settle();
      if (result.ok) this.last = null;
    }, settle);
    return answer;
  }
}
