/** The history of imported read files. */
import type { ReadImport } from '../../../src-shared/contract/reads';
import type { Sqlite } from '../storage/database';

export function listImports(db: Sqlite, filter: { cycle?: number; period?: string; limit: number }): ReadImport[] {
  const where: string[] = [];
  const params: Record<string, unknown> = { limit: filter.limit };
  if (filter.cycle !== undefined) {
    where.push('i.cycle = @cycle');
    params.cycle = filter.cycle;
  }
  if (filter.period !== undefined) {
    where.push('i.period = @period');
    params.period = filter.period;
  }
  return db
    .prepare<Record<string, unknown>, ReadImport>(
      `SELECT i.id AS importId, i.file_name AS fileName, i.sha256, i.format, i.cycle, i.period, i.row_count AS rowCount, i.read_count AS readCount,
              i.exception_count AS exceptionCount, i.unmatched_count AS unmatchedCount, i.imported_at AS importedAt, u.display_name AS importedBy
       FROM read_imports i JOIN users u ON u.id = i.imported_by_user_id
       ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY i.id DESC LIMIT @limit`,
    )
    .all(params);
}
