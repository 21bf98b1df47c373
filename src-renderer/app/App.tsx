import { useCallback, useEffect, useState } from 'react';
import type { SessionUser } from '../../src-shared/contract/system';
import { client } from '../client';
import { LoginScreen } from '../login/LoginScreen';
import { Shell } from './Shell';

/** Login, or the office once someone is logged in; back to login whenever the session ends. */
export function App() {
  const [user, setUser] = useState<SessionUser | null>(null);
  // A token kept from before a reload is checked before showing anything.
  const [checking, setChecking] = useState(client.hasSession);
  const [notice, setNotice] = useState<string | null>(null);

  useEffect(
    () =>
      client.onSessionEnded((message) => {
        setUser(null);
        setNotice(message);
      }),
    [],
  );
  useEffect(() => {
    if (!client.hasSession) return;
    void client.call('session.me', {}).then((result) => {
      if (result.ok) setUser(result.value);
      setChecking(false);
    });
  }, []);

  const logout = useCallback(() => {
    void client.logout().then(() => {
      setUser(null);
      setNotice('You are logged out.');
    });
  }, []);

  if (checking) return <p className="muted page-loading">Opening Billing Office…</p>;
  if (!user) {
    return (
      <LoginScreen
        notice={notice}
        onLoggedIn={(loggedIn) => {
          setNotice(null);
          setUser(loggedIn);
        }}
      />
    );
  }
  return <Shell user={user} onLogout={logout} />;
}
