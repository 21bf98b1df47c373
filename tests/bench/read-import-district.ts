/**
 * Builds the read-import benchmark's district in a process of its own (read-import.bench.ts
 * runs it): 650,000 reads written and a 50,000-read import leave a large heap behind, and the
 * timed imports should not pay for collecting it — an office's database was built by months of
 * earlier work, not by the process that imports this month's file.
 *
 *   node --import tsx tests/bench/read-import-district.ts <database path> <file path> <facts path>
 * writes the district to the database, this month's Badger file to the file path, and
 * { userId, reads } as JSON to the facts path; its progress lines go to standard output.
 */
import { writeFileSync } from 'node:fs';
import { beaconFile, buildDistrict } from './read-import.bench';

const [databasePath, filePath, factsPath] = process.argv.slice(2);
if (!databasePath || !filePath || !factsPath) throw new Error('usage: read-import-district.ts <database path> <file path> <facts path>');
const { rows, userId } = await buildDistrict(databasePath, (line) => console.log(line));
writeFileSync(filePath, beaconFile(rows));
writeFileSync(factsPath, JSON.stringify({ userId, reads: rows.length }));
