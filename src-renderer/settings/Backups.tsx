import { useState } from 'react';
import type { BackupFile } from '../../src-shared/contract/system';
import { useQuery, useSubmission } from '../client';
import { useSession } from '../app/session';
import { Alert } from '../ui/Alert';
import { Dialog } from '../ui/Dialog';
import { Loaded } from '../ui/Loading';
import { formatBytes, formatDateTime } from '../ui/format';

/** Backups of the database: take one now, or put an earlier one back. */
export function Backups() {
  const backups = useQuery('system.backups', {});
  const backup = useSubmission();
  const [notice, setNotice] = useState<string | null>(null);
  const [restoring, setRestoring] = useState<BackupFile | null>(null);

  const backUpNow = async () => {
    setNotice(null);
    const result = await backup.send('system.backup', {});
    if (!result.ok) return;
    setNotice(`Backed up to ${result.value.fileName}.`);
    // Kept by hand: a backup writes no audit record, so the change feed does not hear of it.
    backups.reload();
  };

  return (
    <section aria-label="Backups">
      <h1>Backups</h1>
      {notice && <Alert kind="success">{notice}</Alert>}
      {backup.error && <Alert kind="error">{backup.error.message}</Alert>}
      <button type="button" className="button-primary" onClick={() => void backUpNow()} disabled={backup.pending}>
        {backup.pending ? 'Backing up…' : 'Back up now'}
      </button>
      <Loaded query={backups}>
        {(files) =>
          files.length === 0 ? (
            <p className="muted">No backups yet.</p>
          ) : (
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">File</th>
                  <th scope="col">Taken</th>
                  <th scope="col" className="num">
                    Size
                  </th>
                  <th scope="col">Restore</th>
                </tr>
              </thead>
              <tbody>
                {files.map((file) => (
                  <tr key={file.fileName}>
                    <td className="mono">{file.fileName}</td>
                    <td>{formatDateTime(file.createdAt)}</td>
                    <td className="num">{formatBytes(file.bytes)}</td>
                    <td>
                      <button type="button" className="button-small" onClick={() => setRestoring(file)}>
                        Restore…
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )
        }
      </Loaded>
      {restoring && (
        <RestoreDialog
          file={restoring}
          onClose={() => setRestoring(null)}
          onRestored={(message) => {
            setRestoring(null);
            setNotice(message);
            // Kept by hand: a restore replaces the audit trail the change feed counts along.
            backups.reload();
          }}
        />
      )}
    </section>
  );
}

function RestoreDialog({ file, onClose, onRestored }: { file: BackupFile; onClose: () => void; onRestored: (message: string) => void }) {
  const restore = useSubmission();
  const { reloadInfo } = useSession();
  const confirm = async () => {
    const result = await restore.send('system.restore', { fileName: file.fileName });
    if (!result.ok) return;
    reloadInfo();
    onRestored(`Restored from ${result.value.restoredFrom}. The database as it was just before is kept in ${result.value.safetyBackup.fileName}.`);
  };
  return (
    <Dialog title="Restore a backup" onClose={onClose}>
      <p>
        Replace the whole database with <strong className="mono">{file.fileName}</strong>, taken{' '}
        {formatDateTime(file.createdAt)}?
      </p>
      <p>
        Everything posted since then will no longer show. A safety backup of the database as it is now is taken first,
        so this can be undone by restoring that one.
      </p>
      <p>
        Billing Office must be closed everywhere else first — other windows, browser mode and scheduled commands on this
        database. If one is still open, nothing is changed and you are told so.
      </p>
      {restore.error && <Alert kind="error">{restore.error.message}</Alert>}
      <div className="actions">
        <button type="button" className="button-danger" onClick={() => void confirm()} disabled={restore.pending}>
          {restore.pending ? 'Restoring…' : `Restore ${file.fileName}`}
        </button>
        <button type="button" onClick={onClose} data-autofocus>
          Cancel
        </button>
      </div>
    </Dialog>
  );
}
