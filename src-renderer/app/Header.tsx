import { ROLE_LABELS } from '../../src-shared/roles';
import { useSession } from './session';

export function Header() {
  const { user, info, logout } = useSession();
  return (
    <header className="header">
      <div className="header-title">
        <span className="product">Billing Office</span>
        {info && <span className="district">{info.districtName}</span>}
      </div>
      {info?.mode === 'browser' && <span className="mode-note">Browser mode</span>}
      <div className="header-user">
        <span>
          <strong><bdi>{user.displayName}</bdi></strong> <span className="role">{ROLE_LABELS[user.role]}</span>
        </span>
        <button type="button" onClick={logout}>
          Log out
        </button>
      </div>
    </header>
  );
}
