/** Saved CSV column-mapping profiles, one per read source (validated by the parsers' schema). */
import type { CsvReadProfile } from '../../../src-shared/contract/reads';
import { perConnection } from '../storage/prepared';
import { OfficeError, notFound } from '../errors';
import type { Sqlite } from '../storage/database';

interface ProfileRow {
  profileId: number;
  name: string;
  definitionJson: string;
  createdAt: string;
  createdBy: string;
}

const statements = perConnection((db: Sqlite) => ({
  list: db.prepare<[], ProfileRow>(
    `SELECT p.id AS profileId, p.name, p.definition_json AS definitionJson, p.created_at AS createdAt, u.display_name AS createdBy
     FROM read_profiles p JOIN users u ON u.id = p.created_by_user_id ORDER BY p.name COLLATE NOCASE`,
  ),
  one: db.prepare<[number], ProfileRow>(
    `SELECT p.id AS profileId, p.name, p.definition_json AS definitionJson, p.created_at AS createdAt, u.display_name AS createdBy
     FROM read_profiles p JOIN users u ON u.id = p.created_by_user_id WHERE p.id = ?`,
  ),
  nameTaken: db.prepare<[string, number], number>('SELECT id FROM read_profiles WHERE name = ? COLLATE NOCASE AND id <> ?').pluck(),
  insert: db.prepare('INSERT INTO read_profiles (name, definition_json, created_at, created_by_user_id) VALUES (?, ?, ?, ?)'),
  update: db.prepare('UPDATE read_profiles SET name = ?, definition_json = ? WHERE id = ?'),
  remove: db.prepare('DELETE FROM read_profiles WHERE id = ?'),
}));

const toProfile = ({ definitionJson, ...row }: ProfileRow): CsvReadProfile => ({ ...row, definition: JSON.parse(definitionJson) as Record<string, unknown> });

export const listProfiles = (db: Sqlite): CsvReadProfile[] => statements(db).list.all().map(toProfile);

export function getProfile(db: Sqlite, profileId: number): CsvReadProfile {
  const row = statements(db).one.get(profileId);
  if (!row) throw notFound(`Read file profile ${profileId}`, 'profile.profileId');
  return toProfile(row);
}

/** Saves a profile whose definition the caller has already validated. */
export function saveProfile(db: Sqlite, nowIso: string, userId: number, input: { profileId?: number; name: string; definition: Record<string, unknown> }): CsvReadProfile {
  const prepared = statements(db);
  if (prepared.nameTaken.get(input.name, input.profileId ?? -1) !== undefined) {
    throw new OfficeError('CONFLICT', `There is already a profile named "${input.name}"; choose another name`, 'name');
  }
  const json = JSON.stringify(input.definition);
  if (input.profileId !== undefined) {
    getProfile(db, input.profileId);
    prepared.update.run(input.name, json, input.profileId);
    return getProfile(db, input.profileId);
  }
  return getProfile(db, Number(prepared.insert.run(input.name, json, nowIso, userId).lastInsertRowid));
}

export function deleteProfile(db: Sqlite, profileId: number): void {
  getProfile(db, profileId);
  statements(db).remove.run(profileId);
}
