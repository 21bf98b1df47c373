import { useSession } from '../app/session';

const MODE_LABELS = { desktop: 'Desktop app', browser: 'Browser mode', cli: 'Command line', test: 'Test' } as const;

export function About() {
  const { info } = useSession();
  if (!info) return <p className="muted">Loading…</p>;
  return (
    <section aria-label="About">
      <h1>About Billing Office</h1>
      <dl className="facts facts-wide">
        <div>
          <dt>District</dt>
          <dd>{info.districtName}</dd>
        </div>
        <div>
          <dt>Version</dt>
          <dd>{info.appVersion}</dd>
        </div>
        <div>
          <dt>Running as</dt>
          <dd>{MODE_LABELS[info.mode]}</dd>
        </div>
        <div>
          <dt>Database</dt>
          <dd className="mono">{info.databasePath}</dd>
        </div>
        <div>
          <dt>Schema version</dt>
          <dd>{info.schemaVersion}</dd>
        </div>
        <div>
          <dt>Accounts</dt>
          <dd>{info.accountCount.toLocaleString('en-US')}</dd>
        </div>
        <div>
          <dt>Data</dt>
          <dd>{info.isDemo ? 'Demo database — practice data, not real customers' : 'Live district data'}</dd>
        </div>
      </dl>
    </section>
  );
}
