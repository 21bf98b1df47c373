/**
 * How a Sensus CMEP file's meters are found: which CMEP field carries the meter id, and a
 * crosswalk from those ids to the office's meter serials (picked as a small CSV file, or typed),
 * ids not in it being taken as the serial. The same options reads.preview takes and the CLI's
 * --meter-id-field and --crosswalk give.
 */
import { useMemo, useState } from 'react';
import { CMEP_METER_ID_FIELDS, CMEP_METER_ID_FIELD_LABELS, type CmepMeterIdField } from '../../src-shared/contract/reads';
import { parseCrosswalk } from '../../src-shared/reads-crosswalk';
import { formatBytes } from '../ui/format';

/** Largest crosswalk file read (200,000 "id,serial" lines fit easily). */
const MAX_CROSSWALK_FILE_BYTES = 8 * 1024 * 1024;

export interface CmepChoice {
  meterIdField: CmepMeterIdField;
  /** The crosswalk text as picked or typed, and where it came from. */
  crosswalkText: string;
  crosswalkFile: string | null;
}

export const NO_CMEP_CHOICE: CmepChoice = { meterIdField: 'meterId', crosswalkText: '', crosswalkFile: null };

/** The crosswalk of a choice: entries, or the first problem with its line (null when there is none). */
export function useCrosswalk(choice: CmepChoice) {
  return useMemo(() => (choice.crosswalkText.trim() === '' ? null : parseCrosswalk(choice.crosswalkText)), [choice.crosswalkText]);
}

export function CmepOptions({ value, onChange, disabled }: { value: CmepChoice; onChange: (next: CmepChoice) => void; disabled: boolean }) {
  const crosswalk = useCrosswalk(value);
  const [fileError, setFileError] = useState<string | null>(null);
  const pick = async (file: File | undefined) => {
    setFileError(null);
    if (!file) return;
    if (file.size > MAX_CROSSWALK_FILE_BYTES) {
      setFileError(`${file.name} is ${formatBytes(file.size)}; a crosswalk file is at most ${formatBytes(MAX_CROSSWALK_FILE_BYTES)}.`);
      return;
    }
    try {
      onChange({ ...value, crosswalkText: await file.text(), crosswalkFile: file.name });
    } catch {
      setFileError(`${file.name} could not be read. Check that it is not open in another program, then choose it again.`);
    }
  };
  return (
    <fieldset className="cmep-options" aria-label="Sensus CMEP meters">
      <legend>Sensus CMEP: finding the meters</legend>
      <div className="form-row">
        <div className="field">
          <label htmlFor="cmep-meter-id-field">The meter id is in</label>
          <select id="cmep-meter-id-field" value={value.meterIdField} onChange={(event) => onChange({ ...value, meterIdField: event.target.value as CmepMeterIdField })} disabled={disabled}>
            {CMEP_METER_ID_FIELDS.map((field) => (
              <option key={field} value={field}>
                {CMEP_METER_ID_FIELD_LABELS[field]}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="cmep-crosswalk-file">Crosswalk file (optional)</label>
          <input id="cmep-crosswalk-file" type="file" accept=".csv,.txt,text/csv,text/plain" onChange={(event) => void pick(event.target.files?.[0])} disabled={disabled} />
          <p className="field-hint">One “CMEP meter id,meter serial” per line; a header line is allowed.</p>
        </div>
      </div>
      {value.crosswalkFile === null ? (
        <div className="field">
          <label htmlFor="cmep-crosswalk-text">Or type the crosswalk (optional)</label>
          <textarea
            id="cmep-crosswalk-text"
            rows={4}
            className="mono"
            value={value.crosswalkText}
            onChange={(event) => onChange({ ...value, crosswalkText: event.target.value })}
            placeholder={'177-2231,SNS-1005\n177-2232,SNS-1006'}
            disabled={disabled}
          />
        </div>
      ) : (
        <p className="crosswalk-preview">
          From <strong>{value.crosswalkFile}</strong>{' '}
          <button type="button" className="button-small" onClick={() => onChange({ ...value, crosswalkText: '', crosswalkFile: null })} disabled={disabled}>
            Remove
          </button>
        </p>
      )}
      <CrosswalkSummary crosswalk={crosswalk} fileError={fileError} source={value.crosswalkFile ?? 'the crosswalk'} />
    </fieldset>
  );
}

function CrosswalkSummary({ crosswalk, fileError, source }: { crosswalk: ReturnType<typeof useCrosswalk>; fileError: string | null; source: string }) {
  if (fileError) return <p className="field-error" role="alert">{fileError}</p>;
  if (crosswalk === null) return <p className="crosswalk-preview muted">No crosswalk: each CMEP meter id is taken as the meter serial.</p>;
  if (!crosswalk.ok) {
    return (
      <p className="field-error" role="alert" data-testid="crosswalk-problem">
        {source}, line {crosswalk.problem.line}: {crosswalk.problem.message}
      </p>
    );
  }
  if (crosswalk.count === 0) return <p className="crosswalk-preview muted">The crosswalk maps no meter ids (only a header line?): each CMEP meter id is taken as the meter serial.</p>;
  return (
    <p className="crosswalk-preview" data-testid="crosswalk-summary">
      {crosswalk.count.toLocaleString('en-US')} meter id{crosswalk.count === 1 ? '' : 's'} mapped
      {crosswalk.sample && (
        <span className="muted">
          {' '}
          (e.g. <span className="mono">{crosswalk.sample[0]}</span> → <span className="mono">{crosswalk.sample[1]}</span>); other ids are taken as the serial.
        </span>
      )}
    </p>
  );
}
