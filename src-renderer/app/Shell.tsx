import { useMemo } from 'react';
import type { SessionUser } from '../../src-shared/contract/system';
import { useQuery } from '../client';
import { AreaContent } from './AreaContent';
import { ApprovalHost } from './ApprovalHost';
import { Header } from './Header';
import { Nav } from './Nav';
import { pathParts, usePath } from './router';
import { SessionContext, type Session } from './session';
import { useShortcuts } from './shortcuts';

/** The logged-in office: header, demo banner, navigation and the current work area. */
export function Shell({ user, onLogout }: { user: SessionUser; onLogout: () => void }) {
  const info = useQuery('system.info', {});
  const path = usePath();
  const session: Session = useMemo(
    () => ({ user, info: info.data ?? null, reloadInfo: info.reload, logout: onLogout }),
    [user, info.data, info.reload, onLogout],
  );
  useShortcuts();
  const [areaId = 'accounts', ...rest] = pathParts(path);

  return (
    <SessionContext.Provider value={session}>
      <div className="app">
        <Header />
        {session.info?.isDemo && (
          <div className="demo-banner" role="note">
            <strong>DEMO</strong> Demo database — practice data, not real customers
          </div>
        )}
        <div className="workspace">
          <Nav currentAreaId={areaId} />
          <main className="area" id="main">
            <AreaContent areaId={areaId} rest={rest} />
          </main>
        </div>
        <ApprovalHost />
      </div>
    </SessionContext.Provider>
  );
}
