/**
 * Runs the benchmarks (every tests/bench/*.bench.ts, or those whose name contains an argument),
 * one after another, prints one table, and exits non-zero if any target is missed.
 *
 *   npm run bench                    all benchmarks
 *   npm run bench -- account-search  only those whose file name contains "account-search"
 */
import { readdirSync } from 'node:fs';
import { availableParallelism, cpus, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { passes, type Bench, type BenchRow } from './harness';

const folder = dirname(fileURLToPath(import.meta.url));

function benchFiles(filters: readonly string[]): string[] {
  return readdirSync(folder)
    .filter((file) => file.endsWith('.bench.ts'))
    .filter((file) => filters.length === 0 || filters.some((filter) => file.includes(filter)))
    .sort();
}

function formatValue(value: number, unit: BenchRow['unit']): string {
  if (unit === 'count') return value.toLocaleString('en-US');
  return `${value.toFixed(unit === 's' ? 2 : 3)} ${unit}`;
}

function printTable(rows: readonly BenchRow[]): void {
  const table = rows.map((row) => [
    row.benchmark,
    row.measure,
    formatValue(row.value, row.unit),
    row.targetBelow === undefined ? '' : `< ${formatValue(row.targetBelow, row.unit)}`,
    row.targetBelow === undefined ? '' : passes(row) ? 'ok' : 'MISSED',
  ]);
  const header = ['benchmark', 'measure', 'value', 'target', 'result'];
  const widths = header.map((title, column) => Math.max(title.length, ...table.map((cells) => (cells[column] as string).length)));
  const line = (cells: readonly string[]) => cells.map((cell, column) => cell.padEnd(widths[column] as number)).join('  ');
  console.log(`\n${line(header)}\n${widths.map((width) => '-'.repeat(width)).join('  ')}`);
  for (const cells of table) console.log(line(cells));
}

async function main(): Promise<number> {
  const files = benchFiles(process.argv.slice(2));
  if (files.length === 0) {
    console.error('No benchmark matches; files are tests/bench/*.bench.ts');
    return 2;
  }
  const load = loadavg().map((value) => value.toFixed(2)).join(' ');
  console.log(
    `Billing Office benchmarks — ${new Date().toISOString()}, Node ${process.version}, ${availableParallelism()} cores (${cpus()[0]?.model ?? 'unknown CPU'}), load average ${load}`,
  );
  // Timings on a busy machine are not the product's: say so rather than report them silently.
  if ((loadavg()[0] ?? 0) > availableParallelism()) console.log('Warning: the machine is busy (load above its core count); figures will be slower than on a quiet PC.');
  const rows: BenchRow[] = [];
  for (const file of files) {
    const { bench } = (await import(pathToFileURL(join(folder, file)).href)) as { bench: Bench };
    console.log(`\n== ${bench.name} (${file})`);
    rows.push(...(await bench.run((text) => console.log(`   ${text}`))));
  }
  printTable(rows);
  const missed = rows.filter((row) => !passes(row));
  console.log(missed.length === 0 ? '\nAll targets met.' : `\n${missed.length} target(s) missed.`);
  return missed.length === 0 ? 0 : 1;
}

process.exitCode = await main();
