/** The read validation thresholds: everyone can see them; a supervisor changes them. */
import { useEffect, useState } from 'react';
import type { ReadValidationSettings } from '../../src-shared/contract/reads';
import { useCan } from '../app/session';
import { useQuery, useSubmission } from '../client';
import { Alert } from '../ui/Alert';
import { Field } from '../ui/Field';
import { fieldErrors } from '../ui/fieldErrors';
import { Form } from '../ui/Form';

type NumberKey = { [Key in keyof ReadValidationSettings]: ReadValidationSettings[Key] extends number ? Key : never }[keyof ReadValidationSettings];
type BooleanKey = { [Key in keyof ReadValidationSettings]: ReadValidationSettings[Key] extends boolean ? Key : never }[keyof ReadValidationSettings];

const NUMBERS: readonly { key: NumberKey; label: string; unit: string }[] = [
  { key: 'highPercent', label: 'High use: above the benchmark by more than', unit: '%' },
  { key: 'veryHighPercent', label: 'Very high use: above the benchmark by more than', unit: '%' },
  { key: 'lowPercent', label: 'Low use: below the benchmark by more than', unit: '%' },
  { key: 'averagePeriods', label: 'Periods in the average benchmark', unit: 'periods' },
  { key: 'repeatedUsePeriods', label: 'Same use repeated this many periods is flagged', unit: 'periods' },
  { key: 'maxConsecutiveEstimates', label: 'Most estimates in a row before flagging', unit: 'estimates' },
  { key: 'capacityPercent', label: 'Over capacity: use above this share of the register', unit: '%' },
  { key: 'rolloverAverageFactor', label: 'A rollover above this many times the average is a misread', unit: '×' },
  { key: 'estimateAveragePeriods', label: 'Actual reads averaged for an estimate', unit: 'reads' },
];
const BOOLEANS: readonly { key: BooleanKey; label: string }[] = [
  { key: 'compareWithPrior', label: 'Compare with the prior period' },
  { key: 'compareWithLastYear', label: 'Compare with the same period last year' },
  { key: 'compareWithAverage', label: 'Compare with the average' },
  { key: 'flagZeroUse', label: 'Flag zero use on an active account' },
];

export function ReadSettingsPage() {
  const isSupervisor = useCan('supervisor');
  const settings = useQuery('reads.settings', {});
  const [draft, setDraft] = useState<Record<string, string | boolean> | null>(null);
  const submission = useSubmission();
  const [saved, setSaved] = useState(false);
  useEffect(() => {
    if (settings.data) setDraft(Object.fromEntries(Object.entries(settings.data).map(([key, value]) => [key, typeof value === 'boolean' ? value : String(value)])));
  }, [settings.data]);
  if (settings.error) return <Alert kind="error">{settings.error.message}</Alert>;
  if (!draft) return <p className="muted">Loading…</p>;
  const errors = fieldErrors(submission.error, [...NUMBERS.map((item) => item.key), ...BOOLEANS.map((item) => item.key), 'minimumBenchmarkHcf']);
  const save = async () => {
    setSaved(false);
    const input: Partial<ReadValidationSettings> = { minimumBenchmarkHcf: String(draft.minimumBenchmarkHcf).trim() };
    for (const { key } of NUMBERS) input[key] = Number(draft[key]);
    for (const { key } of BOOLEANS) input[key] = draft[key] === true;
    const result = await submission.send('reads.setSettings', input, { purpose: 'Change the read validation thresholds' });
    if (result.ok) {
      // The thresholds reload themselves from the change feed.
      setSaved(true);
    }
  };
  const set = (key: string, value: string | boolean) => {
    setSaved(false);
    setDraft((current) => ({ ...(current ?? {}), [key]: value }));
  };
  return (
    <section className="form-section read-settings" aria-label="Read validation settings">
      <h2>Read validation thresholds</h2>
      {!isSupervisor && <Alert kind="info">Only a supervisor can change these.</Alert>}
      {saved && <Alert kind="success">Saved. Imports from now on use these thresholds.</Alert>}
      <Form onSubmit={() => void save()} error={submission.error} unplacedError={errors.unplaced} aria-label="Read validation thresholds">
        <fieldset disabled={!isSupervisor} className="settings-fieldset">
          <div className="settings-grid">
            {NUMBERS.map(({ key, label, unit }) => (
              <Field key={key} name={key} label={`${label} (${unit})`} error={errors.of(key)}>
                <input className="input-short" inputMode="numeric" value={String(draft[key])} onChange={(event) => set(key, event.target.value)} />
              </Field>
            ))}
            <Field name="minimumBenchmarkHcf" label="Skip high/low checks when the benchmark is below (HCF)" error={errors.of('minimumBenchmarkHcf')}>
              <input className="input-short" inputMode="decimal" value={String(draft.minimumBenchmarkHcf)} onChange={(event) => set('minimumBenchmarkHcf', event.target.value)} />
            </Field>
          </div>
          {BOOLEANS.map(({ key, label }) => (
            <label key={key} className="choice">
              <input type="checkbox" checked={draft[key] === true} onChange={(event) => set(key, event.target.checked)} />
              {label}
            </label>
          ))}
          {isSupervisor && (
            <div className="actions">
              <button type="submit" className="button-primary" disabled={submission.pending}>
                Save thresholds
              </button>
            </div>
          )}
        </fieldset>
      </Form>
    </section>
  );
}
