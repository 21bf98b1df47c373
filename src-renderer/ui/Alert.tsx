import type { ReactNode } from 'react';

type Kind = 'error' | 'success' | 'info';

/** A message the clerk should read; errors are announced to screen readers at once. */
export function Alert({ kind, children }: { kind: Kind; children: ReactNode }) {
  return (
    <div className={`alert alert-${kind}`} role={kind === 'error' ? 'alert' : 'status'}>
      {children}
    </div>
  );
}
