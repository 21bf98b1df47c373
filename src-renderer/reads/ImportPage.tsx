/**
 * Importing a read file: pick it, say how to read it and for which cycle, look at the preview
 * (counts, unmatched meters, exceptions, problems with their line and field, notes), then import it
 * whole — or not at all.
 */
import { useEffect, useRef, useState } from 'react';
import {
  BUILT_IN_READ_FORMATS, BUILT_IN_READ_FORMAT_LABELS, MAX_READ_FILE_BYTES, READ_EXCEPTION_LABELS,
  type ReadExceptionType, type ReadFileProfile, type ReadImportPreview, type ReadImportResult,
} from '../../src-shared/contract/reads';
import { useCan } from '../app/session';
import { client, useQuery, useSubmission } from '../client';
import { Alert } from '../ui/Alert';
import { BulkProgress } from '../ui/BulkProgress';
import { Dialog } from '../ui/Dialog';
import { formatBytes, formatDateTime } from '../ui/format';
import { CmepOptions, NO_CMEP_CHOICE, useCrosswalk, type CmepChoice } from './CmepOptions';
import { ProfileEditor } from './ProfileEditor';
import { bytesToBase64, cycleName, plural, reReadsText, type CyclePeriod } from './readsFormat';

interface Picked {
  fileName: string;
  size: number;
  contentBase64: string;
}

type Stage = { kind: 'choose' } | { kind: 'preview'; preview: ReadImportPreview } | { kind: 'done'; result: ReadImportResult };

export function ImportPage({ choice, onImported }: { choice: CyclePeriod; onImported: (imported: CyclePeriod) => void }) {
  const canImport = useCan('technician');
  const profiles = useQuery('reads.profiles', {});
  const imports = useQuery('reads.imports', { limit: 20 });
  const [file, setFile] = useState<Picked | null>(null);
  const [reading, setReading] = useState(false);
  const [fileError, setFileError] = useState<string | null>(null);
  const [profileChoice, setProfileChoice] = useState<string>('badger-beacon');
  const [cycleText, setCycleText] = useState(String(choice.cycle));
  const [period, setPeriod] = useState(choice.period);
  const [skipUnmatched, setSkipUnmatched] = useState(false);
  const [stage, setStage] = useState<Stage>({ kind: 'choose' });
  const [confirming, setConfirming] = useState(false);
  const [editingProfiles, setEditingProfiles] = useState(false);
  const importing = useSubmission();
  const [previewPending, setPreviewPending] = useState(false);
  const [previewError, setPreviewError] = useState<string | null>(null);
  const [cmep, setCmep] = useState<CmepChoice>(NO_CMEP_CHOICE);
  const crosswalk = useCrosswalk(cmep);
  const isCmep = profileChoice === 'sensus-cmep';
  // A crosswalk with a problem is fixed before the file is checked against it.
  const crosswalkBad = isCmep && crosswalk !== null && !crosswalk.ok;

  const profile: ReadFileProfile = profileChoice.startsWith('csv:')
    ? { kind: 'csv', profileId: Number(profileChoice.slice(4)) }
    : isCmep
      ? { kind: 'sensus-cmep', meterIdField: cmep.meterIdField, ...(crosswalk?.ok && crosswalk.count > 0 ? { crosswalk: crosswalk.entries } : {}) }
      : { kind: profileChoice as 'badger-beacon' | 'itron-register' };

  const pick = async (picked: File | undefined) => {
    setStage({ kind: 'choose' });
    setFileError(null);
    setFile(null);
    if (!picked) return;
    if (picked.size > MAX_READ_FILE_BYTES) {
      setFileError(`${picked.name} is ${formatBytes(picked.size)}; the largest file accepted is ${formatBytes(MAX_READ_FILE_BYTES)}. Split it by route.`);
      return;
    }
    setReading(true);
    try {
      const bytes = new Uint8Array(await picked.arrayBuffer());
      setFile({ fileName: picked.name, size: picked.size, contentBase64: bytesToBase64(bytes) });
    } catch {
      setFileError(`${picked.name} could not be read. Check that the file is not open in another program, then choose it again.`);
    } finally {
      setReading(false);
    }
  };

  const input = () => (file ? { fileName: file.fileName, contentBase64: file.contentBase64, profile, cycle: Number(cycleText), period, skipUnmatched } : null);

  const preview = async () => {
    const body = input();
    if (!body) return;
    setPreviewPending(true);
    setPreviewError(null);
    const result = await client.call('reads.preview', body);
    setPreviewPending(false);
    if (result.ok) setStage({ kind: 'preview', preview: result.value });
    else setPreviewError(result.error.message);
  };

  const commit = async () => {
    const body = input();
    if (!body) return;
    const result = await importing.send('reads.import', body);
    setConfirming(false);
    if (result.ok) {
      // The import list reloads itself from the change feed (reads area).
      setStage({ kind: 'done', result: result.value });
      onImported({ cycle: result.value.cycle, period: result.value.period });
    }
  };

  const busy = reading || previewPending || importing.pending;
  return (
    <div className="import-page">
      {!canImport && <Alert kind="info">Importing read files needs a technician or a supervisor. You can look at past imports below.</Alert>}
      {canImport && (
        <section className="form-section import-choose" aria-label="File, format and cycle">
          <h2>1. Choose the file</h2>
          <div className="form-row">
            <div className="field">
              <label htmlFor="read-file">Read file</label>
              <input id="read-file" type="file" accept=".csv,.txt,.dat,.cmep,text/csv,text/plain" onChange={(event) => void pick(event.target.files?.[0])} disabled={busy} />
              {file && (
                <p className="field-hint">
                  {file.fileName} — {formatBytes(file.size)}
                </p>
              )}
              {reading && <p className="field-hint">Reading the file…</p>}
            </div>
            <div className="field">
              <label htmlFor="read-profile">How to read it</label>
              <select
                id="read-profile"
                value={profileChoice}
                onChange={(event) => {
                  setProfileChoice(event.target.value);
                  setStage({ kind: 'choose' });
                }}
              >
                <optgroup label="Built-in formats">
                  {BUILT_IN_READ_FORMATS.map((format) => (
                    <option key={format} value={format}>
                      {BUILT_IN_READ_FORMAT_LABELS[format]}
                    </option>
                  ))}
                </optgroup>
                {(profiles.data?.length ?? 0) > 0 && (
                  <optgroup label="Saved CSV profiles">
                    {profiles.data?.map((saved) => (
                      <option key={saved.profileId} value={`csv:${saved.profileId}`}>
                        {saved.name}
                      </option>
                    ))}
                  </optgroup>
                )}
              </select>
              <button type="button" className="button-small link-button" onClick={() => setEditingProfiles(true)}>
                CSV profiles…
              </button>
            </div>
          </div>
          <div className="form-row">
            <div className="field">
              <label htmlFor="import-cycle">Cycle</label>
              <input id="import-cycle" className="input-short" type="number" min={1} max={99} value={cycleText} onChange={(event) => { setCycleText(event.target.value); setStage({ kind: 'choose' }); }} />
            </div>
            <div className="field">
              <label htmlFor="import-period">Period (month read for)</label>
              <input id="import-period" className="input-short input-period" type="month" value={period} onChange={(event) => { setPeriod(event.target.value); setStage({ kind: 'choose' }); }} />
            </div>
            <div className="field">
              <span className="field-label">Unmatched meters</span>
              <label className="choice">
                <input type="checkbox" checked={skipUnmatched} onChange={(event) => { setSkipUnmatched(event.target.checked); setStage({ kind: 'choose' }); }} />
                Import the matched reads and list the rest
              </label>
            </div>
          </div>
          {isCmep && (
            <CmepOptions
              value={cmep}
              onChange={(next) => {
                setCmep(next);
                setStage({ kind: 'choose' });
              }}
              disabled={busy}
            />
          )}
          {fileError && <Alert kind="error">{fileError}</Alert>}
          {previewError && <Alert kind="error">{previewError}</Alert>}
          <div className="actions">
            <button type="button" className="button-primary" onClick={() => void preview()} disabled={!file || busy || crosswalkBad}>
              {previewPending ? 'Checking the file…' : 'Preview'}
            </button>
            {previewPending && <BulkProgress doing="Checking the file" count={null} noun="row" />}
          </div>
        </section>
      )}
      {stage.kind === 'preview' && (
        <PreviewView preview={stage.preview} importing={importing.pending} error={importing.error?.message ?? null} onImport={() => setConfirming(true)} />
      )}
      {stage.kind === 'done' && (
        <section className="form-section" aria-label="Import result">
          <Alert kind="success">
            Imported {stage.result.fileName} as import #{stage.result.importId}: {plural(stage.result.readCount, 'read')} stored
            {stage.result.reReadCount > 0 ? `, of which ${reReadsText(stage.result.reReadCount)}` : ''},{' '}
            {plural(stage.result.exceptionCount, 'exception')} to review{stage.result.unmatched.length > 0 ? `, ${plural(stage.result.unmatched.length, 'unmatched read')} not imported` : ''}.
          </Alert>
          <div className="actions">
            <a className="button button-primary" href="#/reads/review">
              Review the exceptions
            </a>
            <button type="button" onClick={() => { setStage({ kind: 'choose' }); setFile(null); }}>
              Import another file
            </button>
          </div>
        </section>
      )}
      {confirming && stage.kind === 'preview' && (
        <Dialog title="Import this file?" onClose={() => setConfirming(false)}>
          <dl className="confirm-facts">
            <div>
              <dt>File</dt>
              <dd>{stage.preview.fileName}</dd>
            </div>
            <div>
              <dt>For</dt>
              <dd>{cycleName(stage.preview)}</dd>
            </div>
            <div>
              <dt>Reads stored</dt>
              <dd className="confirm-amount">{stage.preview.readCount.toLocaleString('en-US')}</dd>
            </div>
            {stage.preview.reReadCount > 0 && (
              <div>
                <dt>Of which re-reads</dt>
                <dd>{reReadsText(stage.preview.reReadCount)}</dd>
              </div>
            )}
            <div>
              <dt>Exceptions to review</dt>
              <dd>{stage.preview.exceptionCount.toLocaleString('en-US')}</dd>
            </div>
            <div>
              <dt>Unmatched, not imported</dt>
              <dd>{stage.preview.unmatched.length.toLocaleString('en-US')}</dd>
            </div>
          </dl>
          <p className="field-hint">All of these reads are stored together, or none of them.</p>
          {importing.error && <Alert kind="error">{importing.error.message}</Alert>}
          <div className="actions">
            <button type="button" className="button-primary" onClick={() => void commit()} disabled={importing.pending} data-autofocus>
              {importing.pending ? 'Importing…' : `Import ${plural(stage.preview.readCount, 'read')}`}
            </button>
            <button type="button" onClick={() => setConfirming(false)}>
              Cancel
            </button>
            {importing.pending && <BulkProgress doing="Importing" count={stage.preview.readCount} noun="read" />}
          </div>
        </Dialog>
      )}
      <section aria-label="Imported files">
        <h2>Imported files</h2>
        {imports.data && imports.data.length === 0 && <p className="muted">No read files imported yet.</p>}
        {imports.data && imports.data.length > 0 && (
          <table className="table">
            <thead>
              <tr>
                <th scope="col">#</th>
                <th scope="col">File</th>
                <th scope="col">Cycle</th>
                <th scope="col" className="num">Reads</th>
                <th scope="col" className="num">Exceptions</th>
                <th scope="col" className="num">Unmatched</th>
                <th scope="col">Imported</th>
              </tr>
            </thead>
            <tbody>
              {imports.data.map((row) => (
                <tr key={row.importId}>
                  <td className="num">{row.importId}</td>
                  <td>
                    {row.fileName} <span className="muted">({row.format})</span>
                  </td>
                  <td>{cycleName(row)}</td>
                  <td className="num">{row.readCount.toLocaleString('en-US')}</td>
                  <td className="num">{row.exceptionCount.toLocaleString('en-US')}</td>
                  <td className="num">{row.unmatchedCount.toLocaleString('en-US')}</td>
                  <td>
                    {formatDateTime(row.importedAt)} by {row.importedBy}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      {editingProfiles && (
        <ProfileEditor
          profiles={profiles.data ?? []}
          onClose={() => setEditingProfiles(false)}
          onSaved={(profileId) => {
            // The profiles reload themselves from the change feed.
            if (profileId !== null) setProfileChoice(`csv:${profileId}`);
          }}
        />
      )}
    </div>
  );
}

/** What the file would do, before anything is stored. */
function PreviewView({ preview, importing, error, onImport }: { preview: ReadImportPreview; importing: boolean; error: string | null; onImport: () => void }) {
  const ref = useRef<HTMLElement>(null);
  // The preview opens below the form: bring it into view, as the answer to "Preview".
  useEffect(() => {
    ref.current?.scrollIntoView({ block: 'start' });
  }, [preview]);
  const byType = Object.entries(preview.exceptionsByType) as [ReadExceptionType, number][];
  return (
    <section className="form-section import-preview" aria-label="Preview" ref={ref}>
      <h2>2. Preview of {preview.fileName}</h2>
      <p className="muted">
        {cycleName(preview)} · format {preview.format} · SHA-256 <span className="mono">{preview.sha256.slice(0, 12)}…</span>
      </p>
      {preview.duplicateOf && (
        <Alert kind="error">
          This file was already imported as import #{preview.duplicateOf.importId} ({preview.duplicateOf.fileName}) on {formatDateTime(preview.duplicateOf.importedAt)} by{' '}
          {preview.duplicateOf.importedBy}. The same file is never imported twice.
        </Alert>
      )}
      {!preview.duplicateOf && !preview.canImport && preview.blockedReason && <Alert kind="error">{preview.blockedReason}</Alert>}
      {preview.problems.length > 0 && <p className="muted">The counts below are of the rows that could be read; nothing is imported until the file is fixed.</p>}
      <dl className="preview-counts" data-testid="preview-counts">
        <div><dt>Rows in the file</dt><dd>{preview.rowCount.toLocaleString('en-US')}</dd></div>
        <div><dt>Matched meters</dt><dd>{preview.matchedCount.toLocaleString('en-US')}</dd></div>
        <div><dt>Unmatched</dt><dd className={preview.unmatched.length > 0 ? 'count-bad' : undefined}>{preview.unmatched.length.toLocaleString('en-US')}</dd></div>
        <div><dt>Reads to store</dt><dd>{preview.readCount.toLocaleString('en-US')}</dd></div>
        <div><dt>Estimated</dt><dd>{preview.estimatedCount.toLocaleString('en-US')}</dd></div>
        <div><dt>Faulted</dt><dd>{preview.faultedCount.toLocaleString('en-US')}</dd></div>
        <div><dt>Exceptions</dt><dd>{preview.exceptionCount.toLocaleString('en-US')}</dd></div>
        <div><dt>File problems</dt><dd className={preview.problems.length > 0 ? 'count-bad' : undefined}>{preview.problems.length.toLocaleString('en-US')}</dd></div>
      </dl>
      {preview.reReadCount > 0 && (
        <p className="preview-rereads" data-testid="preview-rereads">
          Of the reads to store, <strong>{reReadsText(preview.reReadCount)}</strong>: each is checked again and clears its exception when it passes.
        </p>
      )}
      {preview.notes.length > 0 && (
        <ul className="preview-notes muted" aria-label="Notes on the file" data-testid="preview-notes">
          {preview.notes.map((note) => (
            <li key={note}>{note}</li>
          ))}
        </ul>
      )}
      {preview.problems.length > 0 && (
        <>
          <h3>Problems in the file — fix these and choose the file again</h3>
          <table className="table problems" aria-label="File problems">
            <thead>
              <tr>
                <th scope="col" className="num">Line</th>
                <th scope="col">Field</th>
                <th scope="col">Problem</th>
              </tr>
            </thead>
            <tbody>
              {preview.problems.slice(0, 200).map((problem, index) => (
                <tr key={`${problem.line}-${index}`}>
                  <td className="num">{problem.line > 0 ? problem.line : 'file'}</td>
                  <td className="mono">{problem.field ?? '—'}</td>
                  <td>{problem.message}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {preview.problems.length > 200 && <p className="muted">… and {preview.problems.length - 200} more.</p>}
        </>
      )}
      {byType.length > 0 && (
        <>
          <h3>Exceptions found</h3>
          <ul className="type-counts">
            {byType.map(([type, count]) => (
              <li key={type}>
                <strong>{count.toLocaleString('en-US')}</strong> {READ_EXCEPTION_LABELS[type]}
              </li>
            ))}
          </ul>
        </>
      )}
      {preview.unmatched.length > 0 && (
        <>
          <h3>Unmatched reads</h3>
          <table className="table" aria-label="Unmatched reads">
            <thead>
              <tr>
                <th scope="col" className="num">Line</th>
                <th scope="col">Meter</th>
                <th scope="col">Account</th>
                <th scope="col">Why</th>
              </tr>
            </thead>
            <tbody>
              {preview.unmatched.slice(0, 200).map((row) => (
                <tr key={`${row.line}-${row.meterSerial}`}>
                  <td className="num">{row.line}</td>
                  <td className="mono">{row.meterSerial}</td>
                  <td className="mono">{row.accountNumber ?? '—'}</td>
                  <td>{row.message}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
      {preview.exceptions.length > 0 && (
        <details>
          <summary>First {preview.exceptions.length} exceptions, with their lines</summary>
          <table className="table">
            <thead>
              <tr>
                <th scope="col" className="num">Line</th>
                <th scope="col">Meter</th>
                <th scope="col">Type</th>
                <th scope="col" className="num">Reading</th>
                <th scope="col" className="num">Use (HCF)</th>
                <th scope="col">Why</th>
              </tr>
            </thead>
            <tbody>
              {preview.exceptions.map((row, index) => (
                <tr key={`${row.line}-${index}`}>
                  <td className="num">{row.line}</td>
                  <td className="mono">{row.meterSerial}</td>
                  <td>{READ_EXCEPTION_LABELS[row.type]}</td>
                  <td className="num">{row.reading ?? '—'}</td>
                  <td className="num">{row.usageHcf ?? '—'}</td>
                  <td>{row.message}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </details>
      )}
      {preview.canImport && (
        <div className="actions">
          <button type="button" className="button-primary" onClick={onImport} disabled={importing}>
            Import…
          </button>
          {error && <Alert kind="error">{error}</Alert>}
        </div>
      )}
    </section>
  );
}
