/** Route files out: the meters a cycle (or one route) still needs read, as CSV for the handheld or AMR software. */
import { useEffect, useState } from 'react';
import { client } from '../client';
import { Alert } from '../ui/Alert';
import { cycleName, plural, type CyclePeriod } from './readsFormat';

interface Exported {
  fileName: string;
  url: string;
  rowCount: number;
}

export function RouteExportPage({ choice }: { choice: CyclePeriod }) {
  const [route, setRoute] = useState('');
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [exported, setExported] = useState<Exported | null>(null);
  // A Blob address holds the file in memory until it is let go.
  useEffect(() => () => {
    if (exported) URL.revokeObjectURL(exported.url);
  }, [exported]);

  const make = async () => {
    setPending(true);
    setError(null);
    const result = await client.call('reads.routeExport', { cycle: choice.cycle, period: choice.period, ...(route.trim() ? { route: route.trim() } : {}) });
    setPending(false);
    if (!result.ok) {
      setError(result.error.message);
      return;
    }
    const url = URL.createObjectURL(new Blob([result.value.csv], { type: 'text/csv' }));
    setExported({ fileName: result.value.fileName, url, rowCount: result.value.rowCount });
  };

  return (
    <section className="form-section form-narrow route-export" aria-label="Route export">
      <h2>Export a route file for {cycleName(choice)}</h2>
      <p className="field-hint">The meters still without a read for the period, in route order, with the last reading and the range a new reading should fall in.</p>
      <form
        className="form"
        onSubmit={(event) => {
          event.preventDefault();
          void make();
        }}
      >
        <div className="field">
          <label htmlFor="export-route">Route (leave empty for the whole cycle)</label>
          <input id="export-route" className="input-short" value={route} onChange={(event) => { setRoute(event.target.value); setExported(null); }} />
        </div>
        <div className="actions">
          <button type="submit" className="button-primary" disabled={pending}>
            {pending ? 'Making the file…' : 'Make the CSV file'}
          </button>
        </div>
      </form>
      {error && <Alert kind="error">{error}</Alert>}
      {exported && (
        <Alert kind="success">
          {exported.fileName}: {plural(exported.rowCount, 'meter')}.{' '}
          <a href={exported.url} download={exported.fileName} className="download-link">
            Download {exported.fileName}
          </a>
        </Alert>
      )}
    </section>
  );
}
