/**
 * The supervisor's rate editor: the rate document as a form (RateFormFields), one schedule at a
 * time chosen by its effective date, a new schedule started as a copy of one; the problems checked
 * as they are typed by the rule the main process applies on save (rateForm.ts); beside it, the
 * draft's effect on sample bills against the rates in force (rates.preview); "Save as rates in
 * force" (rates.import) once what is on screen has been previewed. The JSON document is still
 * there for the CLI's files: download it, load a file or paste it (Advanced).
 */
import { useEffect, useMemo, useState } from 'react';
import type { RateSample, RatesInForce } from '../../src-shared/contract/billing';
import { RATE_DOCUMENT_FORMAT, RATE_DOCUMENT_VERSION, rateDocument, type RateDocument } from '../../src-shared/contract/rates';
import { rateDocumentIssues, type RateDocumentProblem } from '../../src-shared/rate-problems';
import { client, useSubmission } from '../client';
import { Alert } from '../ui/Alert';
import { Amount } from '../ui/Amount';
import { Dialog } from '../ui/Dialog';
import { Field } from '../ui/Field';
import { Form, FormActions } from '../ui/Form';
import { formatDate, todayIso } from '../ui/format';
import { useDebounced } from '../ui/useDebounced';
import { addDaysIso, rateProblems, scheduleInForce, signedCents } from './billingFormat';
import { RateFormProvider, ScheduleFields } from './RateFormFields';
import {
  addSchedule, documentOf, exportText, firstOfNextMonth, formOf, formProblems, inputId, keyOf, previewDateFor, problemLabel, removeSchedule, type FormProblem, type RateForm,
} from './rateForm';

interface Previewed {
  text: string;
  onDate: string;
  samples: RateSample[];
}

/** A first document when the office has no rates yet: one schedule from today to fill in. */
function starterDocument(today: string): RateDocument {
  return {
    format: RATE_DOCUMENT_FORMAT,
    version: RATE_DOCUMENT_VERSION,
    schedules: [{ effectiveFrom: today, name: 'Rates', water: { monthlyServiceCharge: {}, classes: { residential: { tiers: [{ upToHcf: null, ratePerHcf: '' }] } } } }],
  };
}

/** The schedule shown first: the one in force today, else the newest. */
function startingSchedule(form: RateForm, today: string): number {
  const inForce = scheduleInForce(form.schedules, today);
  if (inForce) return form.schedules.indexOf(inForce);
  return form.schedules.reduce((latest, schedule, index) => (schedule.effectiveFrom > (form.schedules[latest]?.effectiveFrom ?? '') ? index : latest), 0);
}

export function RateEditor({ current, onSaved, onClose }: { current: RatesInForce | null; onSaved: (message: string) => void; onClose: () => void }) {
  const today = todayIso();
  const initial = useMemo(() => formOf(current?.document ?? starterDocument(today)), [current, today]);
  const [form, setForm] = useState(initial);
  const [selected, setSelected] = useState(() => startingSchedule(initial, today));
  const [onDate, setOnDate] = useState(today);
  const [previewed, setPreviewed] = useState<Previewed | null>(null);
  const [serverProblems, setServerProblems] = useState<RateDocumentProblem[]>([]);
  const [pending, setPending] = useState(false);
  const [saving, setSaving] = useState(false);
  const [focusWanted, setFocusWanted] = useState<FormProblem | null>(null);

  const problems = useMemo(() => formProblems(form), [form]);
  const errors = useMemo(() => {
    const byKey = new Map<string, string>();
    for (const problem of problems) if (!byKey.has(keyOf(problem.keys))) byKey.set(keyOf(problem.keys), problem.message);
    return byKey;
  }, [problems]);
  const text = useMemo(() => exportText(form), [form]);
  const upToDate = text !== null && previewed?.text === text;

  // A problem picked from the list: its schedule is shown, then its input takes the focus.
  useEffect(() => {
    if (!focusWanted) return;
    const id = inputId(focusWanted.keys);
    const target = document.getElementById(id) ?? document.querySelector<HTMLElement>(`input[id^="${id}-"], select[id^="${id}-"]`);
    target?.focus();
    setFocusWanted(null);
  }, [focusWanted, selected]);

  const update = (next: RateForm) => {
    setForm(next);
    setServerProblems([]);
  };
  const replace = (next: RateForm) => {
    update(next);
    setSelected(startingSchedule(next, today));
    setPreviewed(null);
  };

  const preview = async () => {
    if (text === null) return;
    setPending(true);
    const result = await client.call('rates.preview', { documentJson: text, onDate });
    setPending(false);
    if (!result.ok) {
      setPreviewed(null);
      setServerProblems(rateProblems(result.error.message));
      return;
    }
    setServerProblems([]);
    setPreviewed({ text, onDate, samples: result.value.samples });
  };

  const schedule = form.schedules[selected];
  return (
    <section className="rate-editor" aria-labelledby="rate-editor-title">
      <div className="rate-editor-head">
        <h2 id="rate-editor-title">Edit the rates</h2>
        <button type="button" onClick={onClose}>
          Close the editor
        </button>
      </div>
      <p className="field-hint">
        Change rates from a date by adding a schedule that starts on it; keep the earlier schedules, as bills for past periods use them. Nothing is
        saved until you preview the effect and save.
      </p>
      <div className="rate-editor-layout">
        <div className="rate-editor-main">
          <SchedulePicker
            form={form}
            selected={selected}
            problems={problems}
            today={today}
            onSelect={setSelected}
            onAdd={(effectiveFrom) => {
              update(addSchedule(form, selected, effectiveFrom));
              setSelected(form.schedules.length);
              setOnDate(previewDateFor(effectiveFrom));
            }}
            onRemove={() => {
              update(removeSchedule(form, selected));
              setSelected(startingSchedule(removeSchedule(form, selected), today));
            }}
            canRemove={schedule !== undefined && (schedule.effectiveFrom > today || !current?.document.schedules.some((saved) => saved.effectiveFrom === schedule.effectiveFrom))}
          />
          <RateFormProvider value={{ form, errors, update }}>{schedule && <ScheduleFields key={selected} index={selected} />}</RateFormProvider>
          <JsonPanel form={form} text={text} current={current} onLoad={replace} />
        </div>
        <aside className="rate-editor-side" aria-labelledby="rate-preview-title">
          <h3 id="rate-preview-title">Effect on sample bills</h3>
          <div className="field">
            <label htmlFor="rate-preview-date">Sample bills for the month ending</label>
            <input id="rate-preview-date" type="date" value={onDate} onChange={(event) => setOnDate(event.target.value)} aria-describedby="rate-preview-period" />
            <p className="field-hint" id="rate-preview-period">
              {onDate ? `The 30 days ${formatDate(addDaysIso(onDate, -30))} to ${formatDate(addDaysIso(onDate, -1))}.` : 'Pick a day.'}
            </p>
          </div>
          <div className="actions">
            <button type="button" className="button-primary" onClick={() => void preview()} disabled={pending || text === null} aria-describedby="rate-preview-state">
              {pending ? 'Computing…' : 'Preview effect'}
            </button>
            <button type="button" onClick={() => setSaving(true)} disabled={!upToDate} aria-describedby="rate-preview-state">
              Save as rates in force…
            </button>
          </div>
          <p className="field-hint" id="rate-preview-state">
            {text === null
              ? `Fix the ${problems.length === 1 ? 'problem' : `${problems.length} problems`} in the form to preview.`
              : upToDate
                ? 'Previewed: you can save.'
                : previewed
                  ? 'The rates changed since this preview: preview again before saving.'
                  : 'Preview before saving.'}
          </p>
          <ProblemList
            form={form}
            problems={problems}
            onPick={(problem) => {
              if (typeof problem.keys[1] === 'number') setSelected(problem.keys[1]);
              setFocusWanted(problem);
            }}
          />
          {serverProblems.length > 0 && <Problems problems={serverProblems} />}
          {previewed && <Samples samples={previewed.samples} hasCurrent={current !== null} stale={!upToDate} />}
        </aside>
      </div>
      {saving && text !== null && (
        <SaveDialog
          text={text}
          onClose={() => setSaving(false)}
          onSaved={(saved) => {
            setSaving(false);
            onSaved(`Saved: rate book #${saved.rateBookId} is now the rates in force.`);
          }}
        />
      )}
    </section>
  );
}

interface SchedulePickerProps {
  form: RateForm;
  selected: number;
  problems: readonly FormProblem[];
  today: string;
  onSelect: (index: number) => void;
  onAdd: (effectiveFrom: string) => void;
  onRemove: () => void;
  canRemove: boolean;
}

function SchedulePicker({ form, selected, problems, today, onSelect, onAdd, onRemove, canRemove }: SchedulePickerProps) {
  const [newFrom, setNewFrom] = useState(() => firstOfNextMonth(today));
  const inForce = scheduleInForce(form.schedules, today);
  const byDate = form.schedules.map((schedule, index) => ({ schedule, index })).sort((a, b) => (a.schedule.effectiveFrom < b.schedule.effectiveFrom ? -1 : 1));
  const countOf = (index: number) => problems.filter((problem) => problem.keys[1] === index).length;
  const when = (effectiveFrom: string, index: number) =>
    form.schedules[index] === inForce ? 'in force today' : effectiveFrom > today ? 'upcoming' : 'earlier';
  return (
    <div className="rf-picker">
      <div className="field rf-field">
        <label htmlFor="rf-schedule">Schedule</label>
        <select id="rf-schedule" value={selected} onChange={(event) => onSelect(Number(event.target.value))}>
          {byDate.map(({ schedule, index }) => {
            const count = countOf(index);
            return (
              <option key={index} value={index}>
                {schedule.effectiveFrom || '(no date)'} — {schedule.name || '(no name)'}, {when(schedule.effectiveFrom, index)}
                {count > 0 ? ` — ${count} ${count === 1 ? 'problem' : 'problems'}` : ''}
              </option>
            );
          })}
        </select>
      </div>
      <div className="field rf-field">
        <label htmlFor="rf-new-from">New schedule effective</label>
        <input id="rf-new-from" type="date" value={newFrom} onChange={(event) => setNewFrom(event.target.value)} />
      </div>
      <div className="actions">
        <button type="button" onClick={() => onAdd(newFrom)} disabled={!/^\d{4}-\d{2}-\d{2}$/.test(newFrom)}>
          Add a schedule copying this one
        </button>
        {canRemove && form.schedules.length > 1 && (
          <button type="button" className="link-button" onClick={onRemove}>
            Remove this schedule
          </button>
        )}
      </div>
    </div>
  );
}

/** Every problem, each a button to its input (schedules not shown are opened). */
function ProblemList({ form, problems, onPick }: { form: RateForm; problems: readonly FormProblem[]; onPick: (problem: FormProblem) => void }) {
  // Announced once typing pauses, not at every key: the count, and the first problem in words.
  const first = problems[0];
  const announced = useDebounced(
    first ? `${problems.length} ${problems.length === 1 ? 'problem' : 'problems'} in the rates. ${problemLabel(form, first.keys)}: ${first.message}` : 'No problems in the rates.',
    700,
  );
  return (
    <>
      <p className="visually-hidden" role="status">
        {announced}
      </p>
      {problems.length > 0 && (
        <div className="alert alert-error rf-problems">
          <h3>
            {problems.length === 1 ? 'One problem' : `${problems.length} problems`} to fix before previewing or saving
          </h3>
          <ul>
            {problems.slice(0, 12).map((problem, index) => (
              <li key={`${keyOf(problem.keys)}-${index}`}>
                <button type="button" className="link-button" onClick={() => onPick(problem)}>
                  {problemLabel(form, problem.keys)}
                </button>
                : {problem.message}
              </li>
            ))}
            {problems.length > 12 && <li>and {problems.length - 12} more</li>}
          </ul>
        </div>
      )}
    </>
  );
}

/** The document as JSON: download the draft, load a file, or paste text (the CLI's files). */
function JsonPanel({ form, text, current, onLoad }: { form: RateForm; text: string | null; current: RatesInForce | null; onLoad: (form: RateForm) => void }) {
  const draftText = text ?? `${JSON.stringify(documentOf(form), null, 2)}\n`;
  const [edited, setEdited] = useState<string | null>(null);
  const [problems, setProblems] = useState<RateDocumentProblem[]>([]);
  const [loaded, setLoaded] = useState<string | null>(null);
  const url = useMemo(() => (text === null ? null : URL.createObjectURL(new Blob([text], { type: 'application/json' }))), [text]);
  useEffect(() => () => (url ? URL.revokeObjectURL(url) : undefined), [url]);

  const load = (json: string) => {
    setLoaded(null);
    let value: unknown;
    try {
      value = JSON.parse(json);
    } catch (error) {
      setProblems([{ path: '', message: `Not valid JSON: ${error instanceof Error ? error.message : String(error)}` }]);
      return;
    }
    const issues = rateDocumentIssues(value);
    if (issues.length > 0) {
      setProblems(issues);
      return;
    }
    setProblems([]);
    setEdited(null);
    onLoad(formOf(rateDocument.parse(value)));
    setLoaded('The document is in the form: check it, preview, then save.');
  };
  return (
    <details className="rf-json">
      <summary>Advanced: the rate document as JSON (import and export)</summary>
      <p className="field-hint">The layout is in docs/formats/rates.md; the CLI reads and writes the same file.</p>
      <p>
        {url ? (
          <a href={url} download="rates-draft.json" className="download-link">
            Download this draft (JSON)
          </a>
        ) : (
          <span className="muted">Fix the problems to download the draft.</span>
        )}
      </p>
      <div className="form-row rate-editor-sources">
        <div className="field">
          <label htmlFor="rate-file">Load a rate file</label>
          <input id="rate-file" type="file" accept=".json,application/json" onChange={(event) => void event.target.files?.[0]?.text().then(load)} />
        </div>
        {current && (
          <div className="actions">
            <button type="button" onClick={() => { setEdited(null); setProblems([]); onLoad(formOf(current.document)); }}>
              Start again from the rates in force
            </button>
          </div>
        )}
      </div>
      <div className="field">
        <label htmlFor="rate-json">Rate document (JSON)</label>
        <textarea id="rate-json" className="rate-json mono" value={edited ?? draftText} spellCheck={false} rows={16} onChange={(event) => setEdited(event.target.value)} aria-describedby="rate-json-hint" />
        <p className="field-hint" id="rate-json-hint">
          Shows the form as it is; text changed here goes into the form with the button below.
        </p>
      </div>
      <div className="actions">
        <button type="button" onClick={() => load(edited ?? draftText)} disabled={edited === null}>
          Load this JSON into the form
        </button>
      </div>
      {problems.length > 0 && <Problems problems={problems} />}
      {loaded && <Alert kind="success">{loaded}</Alert>}
    </details>
  );
}

function Problems({ problems }: { problems: readonly RateDocumentProblem[] }) {
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

function Samples({ samples, hasCurrent, stale }: { samples: readonly RateSample[]; hasCurrent: boolean; stale: boolean }) {
  return (
    <table className={stale ? 'table compact rate-samples rate-samples-stale' : 'table compact rate-samples'} aria-label="Sample bills">
      <caption>{stale ? 'Sample bills (before your last change)' : 'Sample bills: the rates in force and the draft'}</caption>
      <thead>
        <tr>
          <th scope="col">Customer</th>
          <th scope="col" className="num">In force</th>
          <th scope="col" className="num">Draft</th>
          <th scope="col" className="num">Change</th>
        </tr>
      </thead>
      <tbody>
        {samples.map((sample) => {
          const before = sample.current?.totalCents;
          const after = sample.draft?.totalCents;
          const difference = before !== undefined && after !== undefined ? after - before : null;
          return (
            <tr key={sample.label}>
              <th scope="row">
                {sample.label}
                {sample.error && <div className="field-error">{sample.error}</div>}
              </th>
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
