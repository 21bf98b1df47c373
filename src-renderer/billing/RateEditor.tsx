/**
 * The supervisor's rate editor: the rate document as JSON (the one in force, or a file), its
 * effect on sample bills beside the rates in force before anything is saved (rates.preview), the
 * problems of a refused document each with its JSON path, and "Save as rates in force"
 * (rates.import) once the text on screen has been previewed.
 */
import { useState, type KeyboardEvent } from 'react';
import type { RateSample, RatesInForce } from '../../src-shared/contract/billing';
import { client, useSubmission } from '../client';
import { Alert } from '../ui/Alert';
import { Amount } from '../ui/Amount';
import { Dialog } from '../ui/Dialog';
import { Field } from '../ui/Field';
import { Form, FormActions } from '../ui/Form';
import { todayIso } from '../ui/format';
import { rateProblems, signedCents, type RateProblem } from './billingFormat';
import { documentJson } from './RatesPage';

interface Previewed {
  text: string;
  samples: RateSample[];
}

export function RateEditor({ current, onSaved }: { current: RatesInForce | null; onSaved: (message: string) => void }) {
  const [editing, setEditing] = useState(false);
  const [text, setText] = useState(() => (current ? documentJson(current) : ''));
  const [onDate, setOnDate] = useState(todayIso);
  const [pending, setPending] = useState(false);
  const [problems, setProblems] = useState<RateProblem[]>([]);
  const [previewed, setPreviewed] = useState<Previewed | null>(null);
  const [saving, setSaving] = useState(false);

  if (!editing) {
    return (
      <div className="rate-editor-closed">
        <button type="button" onClick={() => setEditing(true)}>
          Edit the rates…
        </button>
        <span className="muted"> Change the document, see its effect on sample bills, then save it as the rates in force.</span>
      </div>
    );
  }

  const preview = async () => {
    setPending(true);
    const result = await client.call('rates.preview', { documentJson: text, onDate });
    setPending(false);
    if (!result.ok) {
      setPreviewed(null);
      setProblems(rateProblems(result.error.message));
      return;
    }
    setProblems([]);
    setPreviewed({ text, samples: result.value.samples });
  };
  const loadFile = async (file: File | undefined) => {
    if (!file) return;
    setText(await file.text());
    setPreviewed(null);
    setProblems([]);
  };
  const onTextKey = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      void preview();
    }
  };
  const upToDate = previewed !== null && previewed.text === text;

  return (
    <section className="rate-editor form-section" aria-label="Rate editor">
      <h2>Edit the rates</h2>
      <p className="field-hint">
        The document’s layout is in docs/formats/rates.md. Rates are strings in quotes (“4.9000”) so no digit is lost. Add a schedule with a new
        effectiveFrom to change rates from a date; keep the earlier schedules, as bills for past periods use them.
      </p>
      <div className="form-row rate-editor-sources">
        <div className="field">
          <label htmlFor="rate-file">Load a rate file</label>
          <input id="rate-file" type="file" accept=".json,application/json" onChange={(event) => void loadFile(event.target.files?.[0])} />
        </div>
        {current && (
          <button type="button" onClick={() => { setText(documentJson(current)); setPreviewed(null); setProblems([]); }}>
            Start again from the rates in force
          </button>
        )}
      </div>
      <div className="field">
        <label htmlFor="rate-json">Rate document (JSON)</label>
        <textarea
          id="rate-json"
          className="rate-json mono"
          value={text}
          spellCheck={false}
          rows={22}
          onChange={(event) => setText(event.target.value)}
          onKeyDown={onTextKey}
          aria-describedby="rate-json-hint"
        />
        <p className="field-hint" id="rate-json-hint">
          <kbd>Ctrl</kbd>+<kbd>Enter</kbd> previews.
        </p>
      </div>
      <div className="form-row">
        <div className="field">
          <label htmlFor="rate-preview-date">Sample bills for the month ending</label>
          <input id="rate-preview-date" type="date" value={onDate} onChange={(event) => setOnDate(event.target.value)} />
        </div>
        <div className="actions">
          <button type="button" className="button-primary" onClick={() => void preview()} disabled={pending}>
            {pending ? 'Computing…' : 'Preview effect'}
          </button>
          <button type="button" onClick={() => setSaving(true)} disabled={!upToDate} title={upToDate ? undefined : 'Preview this text first'}>
            Save as rates in force…
          </button>
        </div>
      </div>
      {problems.length > 0 && <Problems problems={problems} />}
      {previewed && !upToDate && <Alert kind="info">The text changed since the preview below: preview it again before saving.</Alert>}
      {previewed && <Samples samples={previewed.samples} hasCurrent={current !== null} />}
      {saving && (
        <SaveDialog
          text={text}
          onClose={() => setSaving(false)}
          onSaved={(saved) => {
            setSaving(false);
            setEditing(false);
            onSaved(`Saved: rate book #${saved.rateBookId} is now the rates in force.`);
          }}
        />
      )}
    </section>
  );
}

function Problems({ problems }: { problems: readonly RateProblem[] }) {
  return (
    <div className="alert alert-error rate-problems" role="alert">
      <strong>The document cannot be used:</strong>
      <ul>
        {problems.map((problem, index) => (
          <li key={index}>
            {problem.path && <code className="json-path">{problem.path}</code>} {problem.message}
          </li>
        ))}
      </ul>
    </div>
  );
}

function Samples({ samples, hasCurrent }: { samples: readonly RateSample[]; hasCurrent: boolean }) {
  return (
    <table className="table rate-samples" aria-label="Sample bills">
      <caption>Sample bills: the rates in force and the draft</caption>
      <thead>
        <tr>
          <th scope="col">Customer</th>
          <th scope="col" className="num">In force</th>
          <th scope="col" className="num">Draft</th>
          <th scope="col" className="num">Difference</th>
        </tr>
      </thead>
      <tbody>
        {samples.map((sample) => {
          const before = sample.current?.totalCents;
          const after = sample.draft?.totalCents;
          const difference = before !== undefined && after !== undefined ? after - before : null;
          return (
            <tr key={sample.label}>
              <td>
                {sample.label}
                {sample.draft && <div className="muted sample-summary">{sample.draft.summary}</div>}
                {sample.error && <div className="field-error">{sample.error}</div>}
              </td>
              <td className="num">{before === undefined ? (hasCurrent ? 'cannot bill' : '—') : <Amount cents={before} />}</td>
              <td className="num">{after === undefined ? 'cannot bill' : <Amount cents={after} />}</td>
              <td className={difference === null || difference === 0 ? 'num' : difference > 0 ? 'num change-up' : 'num change-down'}>
                {difference === null ? '—' : signedCents(difference)}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

function SaveDialog({ text, onClose, onSaved }: { text: string; onClose: () => void; onSaved: (saved: RatesInForce) => void }) {
  const submission = useSubmission();
  const [note, setNote] = useState('');
  const send = async () => {
    const result = await submission.send('rates.import', { documentJson: text, ...(note.trim() ? { note: note.trim() } : {}) });
    if (result.ok) onSaved(result.value);
  };
  const problems = submission.error ? rateProblems(submission.error.message) : [];
  return (
    <Dialog title="Save as the rates in force?" onClose={onClose}>
      <p>Runs drafted from now on bill with this document. Bills already drafted keep their rates until they are recomputed; posted bills never change.</p>
      <Form onSubmit={() => void send()} error={null} unplacedError={undefined} aria-label="Save the rates">
        {problems.length > 0 && <Problems problems={problems} />}
        <Field name="note" label="Note (optional)" hint="The resolution or reason, e.g. “FY 2027 rates, Resolution 2026-09”.">
          <input value={note} onChange={(event) => setNote(event.target.value)} maxLength={500} data-autofocus />
        </Field>
        <FormActions onCancel={onClose} pending={submission.pending}>
          {submission.pending ? 'Saving…' : 'Save the rates'}
        </FormActions>
      </Form>
    </Dialog>
  );
}
