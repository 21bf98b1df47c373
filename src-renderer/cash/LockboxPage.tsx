import { useEffect, useState } from 'react';
import {
  LOCKBOX_FORMAT_LABELS,
  LOCKBOX_FORMATS,
  MAX_LOCKBOX_FILE_BYTES,
  type LockboxFormat,
  type LockboxImportResult,
  type LockboxPreview,
  type LockboxTypeCodes,
} from '../../src-shared/contract/payments';
import { formatCents } from '../../src-shared/money';
import { client, useSubmission } from '../client';
import { Alert } from '../ui/Alert';
import { formatBytes } from '../ui/format';
import { bytesToBase64 } from '../reads/readsFormat';
import { describeTypeCodes, typedCodes } from './lockboxCodes';

/** A bank lockbox file: choose it, see every item and any line at fault, then import all or nothing. */
export function LockboxPage() {
  const [format, setFormat] = useState<LockboxFormat>('lockbox-csv');
  const [file, setFile] = useState<{ fileName: string; contentBase64: string } | null>(null);
  const [preview, setPreview] = useState<LockboxPreview | null>(null);
  const [previewError, setPreviewError] = useState<string | null>(null);
  const [imported, setImported] = useState<LockboxImportResult | null>(null);
  const importing = useSubmission();

  const choose = async (chosen: File | undefined, chosenFormat: LockboxFormat) => {
    setPreview(null);
    setImported(null);
    setPreviewError(null);
    if (!chosen) return setFile(null);
    if (chosen.size > MAX_LOCKBOX_FILE_BYTES) return setPreviewError(`${chosen.name} is ${formatBytes(chosen.size)}; a lockbox file is at most ${formatBytes(MAX_LOCKBOX_FILE_BYTES)}.`);
    const next = { fileName: chosen.name, contentBase64: bytesToBase64(new Uint8Array(await chosen.arrayBuffer())) };
    setFile(next);
    await check(next, chosenFormat);
  };
  const check = async (next: { fileName: string; contentBase64: string }, chosenFormat: LockboxFormat) => {
    const result = await client.call('lockbox.preview', { ...next, format: chosenFormat });
    if (result.ok) setPreview(result.value);
    else setPreviewError(result.error.message);
  };
  const runImport = async () => {
    if (!file) return;
    const result = await importing.send('lockbox.import', { ...file, format });
    if (result.ok) {
      setImported(result.value);
      setPreview(null);
    }
  };

  return (
    <section className="lockbox" aria-label="Lockbox import">
      <h2>Import a bank lockbox file</h2>
      <div className="form-row">
        <div className="field">
          <label htmlFor="lockbox-format">Format</label>
          <select
            id="lockbox-format"
            value={format}
            onChange={(event) => {
              const next = event.target.value as LockboxFormat;
              setFormat(next);
              if (file) void check(file, next);
            }}
          >
            {LOCKBOX_FORMATS.map((code) => (
              <option key={code} value={code}>
                {LOCKBOX_FORMAT_LABELS[code]}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="lockbox-file">File from the bank</label>
          <input id="lockbox-file" type="file" accept=".csv,.txt,.dat,.bai,.bai2" onChange={(event) => void choose(event.target.files?.[0], format)} />
        </div>
      </div>
      {format === 'bai2' && <TypeCodes onSaved={() => file && void check(file, format)} />}
      {previewError && <Alert kind="error">{previewError}</Alert>}
      {imported && (
        <Alert kind="success">
          Imported {imported.fileName}: {imported.itemCount} payments, {formatCents(imported.totalCents)} (receipts {imported.firstReceiptNumber}–{imported.lastReceiptNumber}).
        </Alert>
      )}
      {preview && <Preview preview={preview} />}
      {preview?.canImport && (
        <div className="actions">
          <button type="button" className="button-primary" onClick={() => void runImport()} disabled={importing.pending}>
            Import {preview.itemCount} payments, {formatCents(preview.totalCents)}
          </button>
        </div>
      )}
      {importing.error && <Alert kind="error">{importing.error.message}</Alert>}
    </section>
  );
}

/**
 * The office's BAI2 type codes (which 16 records are payments, which the deposit's total), shown
 * with the BAI2 format and changed here; the main process checks what is typed.
 */
function TypeCodes({ onSaved }: { onSaved: () => void }) {
  const [codes, setCodes] = useState<LockboxTypeCodes | null>(null);
  const [editing, setEditing] = useState<{ items: string; deposits: string } | null>(null);
  const saving = useSubmission();
  useEffect(() => {
    void client.call('lockbox.settings', {}).then((result) => result.ok && setCodes(result.value));
  }, []);
  if (!codes) return null;
  const save = async () => {
    if (!editing) return;
    const result = await saving.send('lockbox.updateSettings', { itemCodes: typedCodes(editing.items), depositCodes: typedCodes(editing.deposits) });
    if (!result.ok) return;
    setCodes(result.value);
    setEditing(null);
    onSaved();
  };
  if (!editing) {
    return (
      <p className="muted lockbox-codes">
        {describeTypeCodes({ ...codes, fromSetting: true })}{' '}
        <button type="button" className="button-small" onClick={() => setEditing({ items: codes.itemCodes.join(', '), deposits: codes.depositCodes.join(', ') })}>
          Change
        </button>
      </p>
    );
  }
  return (
    <div className="form-row lockbox-codes">
      <div className="field">
        <label htmlFor="lockbox-item-codes">Payment (item) type codes</label>
        <input id="lockbox-item-codes" value={editing.items} onChange={(event) => setEditing({ ...editing, items: event.target.value })} placeholder="116" />
      </div>
      <div className="field">
        <label htmlFor="lockbox-deposit-codes">Deposit-total type codes</label>
        <input id="lockbox-deposit-codes" value={editing.deposits} onChange={(event) => setEditing({ ...editing, deposits: event.target.value })} placeholder="115" />
      </div>
      <div className="actions">
        <button type="button" className="button-primary" onClick={() => void save()} disabled={saving.pending}>
          Save for the office
        </button>
        <button type="button" onClick={() => setEditing(null)}>
          Cancel
        </button>
      </div>
      {saving.error && <Alert kind="error">{saving.error.message}</Alert>}
    </div>
  );
}

function Preview({ preview }: { preview: LockboxPreview }) {
  return (
    <div className="lockbox-preview">
      <p>
        <strong>{preview.fileName}</strong>: {preview.itemCount} items, {formatCents(preview.totalCents)}.
      </p>
      {preview.typeCodes && <p className="muted">{describeTypeCodes(preview.typeCodes)}</p>}
      {preview.duplicateOf && (
        <Alert kind="error">
          This exact file was imported before ({preview.duplicateOf.fileName}, import #{preview.duplicateOf.importId}); it cannot be imported again.
        </Alert>
      )}
      {preview.problems.length > 0 && (
        <>
          <Alert kind="error">Nothing can be imported until every problem below is fixed in the file (the import is all or nothing).</Alert>
          <table className="table lockbox-problems">
            <thead>
              <tr>
                <th scope="col" className="num">Line</th>
                <th scope="col">Field</th>
                <th scope="col">Problem</th>
              </tr>
            </thead>
            <tbody>
              {preview.problems.map((problem, index) => (
                <tr key={index}>
                  <td className="num">{problem.line}</td>
                  <td>{problem.field ?? ''}</td>
                  <td>{problem.message}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
      {preview.notes.map((note) => (
        <p key={note} className="muted">
          {note}
        </p>
      ))}
      {preview.items.length > 0 && (
        <table className="table">
          <thead>
            <tr>
              <th scope="col" className="num">Line</th>
              <th scope="col">Account</th>
              <th scope="col">Check</th>
              <th scope="col">Deposit date</th>
              <th scope="col" className="num">Amount</th>
            </tr>
          </thead>
          <tbody>
            {preview.items.slice(0, 500).map((item) => (
              <tr key={item.line} className={item.accountId === null ? 'row-off' : undefined}>
                <td className="num">{item.line}</td>
                <td>{item.accountNumber}{item.accountId === null && ' (no such account)'}</td>
                <td>{item.checkNumber ?? ''}</td>
                <td>{item.depositDate}</td>
                <td className="num">{formatCents(item.amountCents)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
