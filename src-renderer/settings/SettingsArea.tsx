import { useCan } from '../app/session';
import { About } from './About';
import { AuditTrail } from './AuditTrail';
import { Backups } from './Backups';
import { ChangePassword } from './ChangePassword';
import { SessionSettings } from './SessionSettings';
import { Users } from './Users';

const SECTIONS = [
  { id: 'users', label: 'Users', supervisorOnly: true, Screen: Users },
  { id: 'sessions', label: 'Sessions', supervisorOnly: true, Screen: SessionSettings },
  { id: 'backups', label: 'Backups', supervisorOnly: true, Screen: Backups },
  { id: 'audit', label: 'Audit trail', supervisorOnly: true, Screen: AuditTrail },
  { id: 'password', label: 'Change my password', supervisorOnly: false, Screen: ChangePassword },
  { id: 'about', label: 'About', supervisorOnly: false, Screen: About },
] as const;

/** Settings: what every user may change, and the supervisor's users, session limits, backups and audit trail. */
export function SettingsArea({ rest }: { rest: string[] }) {
  const isSupervisor = useCan('supervisor');
  const visible = SECTIONS.filter((section) => isSupervisor || !section.supervisorOnly);
  const requested = SECTIONS.find((section) => section.id === rest[0]);
  const current = requested ?? visible[0];
  return (
    <div className="settings">
      <nav className="subnav" aria-label="Settings">
        {visible.map((section) => (
          <a key={section.id} href={`#/settings/${section.id}`} aria-current={section.id === current?.id ? 'page' : undefined}>
            {section.label}
          </a>
        ))}
      </nav>
      <div className="settings-content">
        {current && (!current.supervisorOnly || isSupervisor) ? (
          <current.Screen />
        ) : (
          <p>Only a supervisor can open {current?.label.toLowerCase() ?? 'this page'}.</p>
        )}
      </div>
    </div>
  );
}
