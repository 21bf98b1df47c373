/** First start of a new office database: the district's name and its first supervisor. */
import { OfficeError } from '../errors';
import { setSetting } from '../storage/settings';
import type { Sqlite } from '../storage/database';
import { createUser, userCount, type NewUser } from '../users/users';

export interface InitializeInput {
  districtName: string;
  supervisor: Omit<NewUser, 'role'>;
}

export function initializeOffice(db: Sqlite, nowIso: string, input: InitializeInput): void {
  db.transaction(() => {
    if (userCount(db) > 0) throw new OfficeError('CONFLICT', 'This database already has users; log in as a supervisor to add more');
    setSetting(db, 'districtName', input.districtName);
    createUser(db, nowIso, { ...input.supervisor, role: 'supervisor' });
  }).immediate();
}
