/**
 * Saved CSV profiles: which column holds what, for a read source that has no built-in format.
 * Kept simple; the main process checks every definition (the same rule the file parser uses).
 */
import { useState } from 'react';
import { METER_UNITS } from '../../src-shared/contract/accounts';
import { CSV_PROFILE_DATE_FORMATS, CSV_PROFILE_DELIMITERS, type CsvReadProfile } from '../../src-shared/contract/reads';
import { COLUMNS, DELIMITER_LABELS, EMPTY, EMPTY_CELL_WORD, FLAGS, flagDraftOf, profileDefinition, type ColumnKey, type FlagKey, type ProfileDraft } from './profileDraft';
import { useSubmission } from '../client';
import { Alert } from '../ui/Alert';
import { Dialog } from '../ui/Dialog';
import { Field } from '../ui/Field';
import { fieldErrors } from '../ui/fieldErrors';
import { Form, FormActions } from '../ui/Form';

function draftOf(profile: CsvReadProfile): ProfileDraft {
  const definition = profile.definition as Partial<Record<string, unknown>>;
  const columns = (definition.columns ?? {}) as Partial<Record<ColumnKey, string | number>>;
  return {
    name: profile.name,
    delimiter: String(definition.delimiter ?? ','),
    hasHeader: definition.hasHeader !== false,
    skipLines: String(definition.skipLines ?? 0),
    dateFormat: String(definition.dateFormat ?? 'MM/DD/YYYY'),
    columns: Object.fromEntries(COLUMNS.map(({ key }) => [key, columns[key] === undefined ? '' : String(columns[key])])) as Record<ColumnKey, string>,
    fixedUnit: definition.fixedUnit === undefined ? '' : String(definition.fixedUnit),
    flags: { estimated: flagDraftOf(definition.estimated), leak: flagDraftOf(definition.leak) },
  };
}

export function ProfileEditor({ profiles, onClose, onSaved }: { profiles: readonly CsvReadProfile[]; onClose: () => void; onSaved: (profileId: number | null) => void }) {
  const [editing, setEditing] = useState<{ profileId: number | null; draft: ProfileDraft } | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const remover = useSubmission();
  if (editing) {
    return (
      <ProfileForm
        profileId={editing.profileId}
        initial={editing.draft}
        onClose={() => setEditing(null)}
        onSaved={(saved) => {
          setEditing(null);
          setMessage(`Saved profile “${saved.name}”.`);
          onSaved(saved.profileId);
        }}
      />
    );
  }
  return (
    <Dialog title="CSV read profiles" onClose={onClose}>
      <p className="field-hint">A profile says which column of a CSV file holds the meter, the reading and the date, for a read source without a built-in format.</p>
      {message && <Alert kind="success">{message}</Alert>}
      {remover.error && <Alert kind="error">{remover.error.message}</Alert>}
      {profiles.length === 0 ? (
        <p className="muted">No saved profiles yet.</p>
      ) : (
        <ul className="profile-list">
          {profiles.map((profile) => (
            <li key={profile.profileId}>
              <strong>{profile.name}</strong> <span className="muted">by {profile.createdBy}</span>
              <span className="profile-buttons">
                <button type="button" className="button-small" onClick={() => setEditing({ profileId: profile.profileId, draft: draftOf(profile) })}>
                  Edit
                </button>
                <button
                  type="button"
                  className="button-small"
                  onClick={() =>
                    void remover.send('reads.deleteProfile', { profileId: profile.profileId }).then((result) => {
                      if (result.ok) {
                        setMessage(`Deleted profile “${profile.name}”.`);
                        onSaved(null);
                      }
                    })
                  }
                >
                  Delete
                </button>
              </span>
            </li>
          ))}
        </ul>
      )}
      <div className="actions">
        <button type="button" className="button-primary" onClick={() => setEditing({ profileId: null, draft: EMPTY })} data-autofocus>
          New profile…
        </button>
        <button type="button" onClick={onClose}>
          Close
        </button>
      </div>
    </Dialog>
  );
}

function ProfileForm({ profileId, initial, onClose, onSaved }: { profileId: number | null; initial: ProfileDraft; onClose: () => void; onSaved: (profile: CsvReadProfile) => void }) {
  const [draft, setDraft] = useState(initial);
  const submission = useSubmission();
  const flagNames = FLAGS.flatMap(({ key }) => [`definition.${key}.column`, `definition.${key}.trueValues`, `definition.${key}.falseValues`]);
  const names = ['name', 'definition.delimiter', 'definition.hasHeader', 'definition.skipLines', 'definition.dateFormat', ...COLUMNS.map(({ key }) => `definition.columns.${key}`), 'definition.fixedUnit', ...flagNames, 'definition'];
  // The profile check names the part of the definition inside its message too ("columns.reading: …").
  const error = submission.error ? { ...submission.error, message: submission.error.message.replace(/^[\w.]+: /, '') } : null;
  const errors = fieldErrors(error, names);
  const set = <Key extends keyof ProfileDraft>(key: Key, value: ProfileDraft[Key]) => setDraft((current) => ({ ...current, [key]: value }));
  const setFlag = (key: FlagKey, part: 'column' | 'yes' | 'no', value: string) =>
    setDraft((current) => ({ ...current, flags: { ...current.flags, [key]: { ...current.flags[key], [part]: value } } }));
  const save = async () => {
    const result = await submission.send('reads.saveProfile', { ...(profileId === null ? {} : { profileId }), name: draft.name, definition: profileDefinition(draft) });
    if (result.ok) onSaved(result.value);
  };
  return (
    <Dialog title={profileId === null ? 'New CSV read profile' : `Edit profile “${initial.name}”`} onClose={onClose}>
      <Form onSubmit={() => void save()} error={error} unplacedError={errors.unplaced ?? errors.of('definition')} aria-label="CSV read profile">
        <Field name="name" label="Profile name" error={errors.of('name')}>
          <input value={draft.name} onChange={(event) => set('name', event.target.value)} data-autofocus />
        </Field>
        <div className="form-row">
          <Field name="definition.delimiter" label="Delimiter" error={errors.of('definition.delimiter')}>
            <select value={draft.delimiter} onChange={(event) => set('delimiter', event.target.value)}>
              {CSV_PROFILE_DELIMITERS.map((delimiter) => (
                <option key={delimiter} value={delimiter}>
                  {DELIMITER_LABELS[delimiter] ?? delimiter}
                </option>
              ))}
            </select>
          </Field>
          <Field name="definition.dateFormat" label="Date format" error={errors.of('definition.dateFormat')}>
            <select value={draft.dateFormat} onChange={(event) => set('dateFormat', event.target.value)}>
              {CSV_PROFILE_DATE_FORMATS.map((format) => (
                <option key={format} value={format}>
                  {format}
                </option>
              ))}
            </select>
          </Field>
          <Field name="definition.skipLines" label="Lines to skip first" error={errors.of('definition.skipLines')}>
            <input className="input-short" inputMode="numeric" value={draft.skipLines} onChange={(event) => set('skipLines', event.target.value)} />
          </Field>
        </div>
        <label className="choice">
          <input type="checkbox" checked={draft.hasHeader} onChange={(event) => set('hasHeader', event.target.checked)} />
          The first line names the columns
        </label>
        <fieldset className="field column-map">
          <legend>Columns — a header name{draft.hasHeader ? '' : ' (not without a header line)'}, or a number counting from 1</legend>
          <div className="form-row">
            {COLUMNS.map(({ key, label, required }) => (
              <Field key={key} name={`definition.columns.${key}`} label={`${label}${required ? '' : ' (optional)'}`} error={errors.of(`definition.columns.${key}`)}>
                <input value={draft.columns[key]} onChange={(event) => set('columns', { ...draft.columns, [key]: event.target.value })} />
              </Field>
            ))}
          </div>
        </fieldset>
        <Field name="definition.fixedUnit" label="Unit of every reading (when there is no unit column)" error={errors.of('definition.fixedUnit')}>
          <select value={draft.fixedUnit} onChange={(event) => set('fixedUnit', event.target.value)}>
            <option value="">The meter’s own unit</option>
            {METER_UNITS.map((unit) => (
              <option key={unit} value={unit}>
                {unit}
              </option>
            ))}
          </select>
        </Field>
        <fieldset className="field column-map flag-columns">
          <legend>Yes/no columns (optional)</legend>
          <p className="field-hint">
            Values separated by commas; {EMPTY_CELL_WORD} stands for an empty cell. Without “no” values, anything that is not a “yes” means no.
          </p>
          {FLAGS.map(({ key, label, yesExample, hint }) => (
            <div key={key} className="flag-row" role="group" aria-label={`${label} flag`}>
              <p className="flag-row-title">
                <strong>{label}</strong> <span className="muted">— yes means {hint}.</span>
              </p>
              <div className="form-row">
                <Field name={`definition.${key}.column`} label={`${label} column`} error={errors.of(`definition.${key}.column`)}>
                  <input value={draft.flags[key].column} onChange={(event) => setFlag(key, 'column', event.target.value)} />
                </Field>
                <Field name={`definition.${key}.trueValues`} label="Yes values" error={errors.of(`definition.${key}.trueValues`)}>
                  <input value={draft.flags[key].yes} onChange={(event) => setFlag(key, 'yes', event.target.value)} placeholder={yesExample} />
                </Field>
                <Field name={`definition.${key}.falseValues`} label="No values" error={errors.of(`definition.${key}.falseValues`)}>
                  <input value={draft.flags[key].no} onChange={(event) => setFlag(key, 'no', event.target.value)} placeholder={`N, ${EMPTY_CELL_WORD}`} />
                </Field>
              </div>
            </div>
          ))}
        </fieldset>
        <FormActions onCancel={onClose} pending={submission.pending}>
          Save profile
        </FormActions>
      </Form>
    </Dialog>
  );
}
