/**
 * Every operation a person can do in the window is a command too (issue #15 item 6): the CLI's
 * table of which command calls which operation (src-main/cli/operation-map.ts) is checked both
 * ways against the program's commands, the CLI's source, and the contract's operation table.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { OPERATION_NAMES } from '../../src-shared/contract';
import { buildProgram } from '../../src-main/cli/main';
import { CLI_COMMAND_OPERATIONS, NOT_FOR_PEOPLE, NOT_YET_IN_CLI } from '../../src-main/cli/operation-map';

const CLI_FOLDER = resolve(__dirname, '../../src-main/cli');

/** "billing charge-fee" for every command that does something (one without subcommands). */
function leafCommands(command: Command, prefix: string[] = []): string[] {
  return command.commands.flatMap((child) => {
    const path = [...prefix, child.name()];
    return child.commands.length === 0 ? [path.join(' ')] : leafCommands(child, path);
  });
}

/** Every operation name the CLI's source passes to session.call, callApproved or runtime.call. */
function operationsNamedInSource(): Set<string> {
  const files = [
    ...readdirSync(CLI_FOLDER).filter((name) => name.endsWith('.ts')).map((name) => join(CLI_FOLDER, name)),
    ...readdirSync(join(CLI_FOLDER, 'commands')).filter((name) => name.endsWith('.ts')).map((name) => join(CLI_FOLDER, 'commands', name)),
  ].filter((file) => !file.endsWith('operation-map.ts'));
  const named = new Set<string>();
  for (const file of files) {
    const source = readFileSync(file, 'utf8');
    for (const match of source.matchAll(/(?:\.call\(\s*(?:\{\s*op:\s*)?|callApproved\(\s*session,\s*)'([a-zA-Z]+\.[a-zA-Z]+)'/g)) named.add(match[1] as string);
  }
  return named;
}

const mapped = new Set(Object.values(CLI_COMMAND_OPERATIONS).flat());

describe('the CLI covers the operation table', () => {
  it('lists every command of the program, and only those', () => {
    const commands = leafCommands(buildProgram({ exitCode: 0 })).sort();
    expect(Object.keys(CLI_COMMAND_OPERATIONS).sort()).toEqual(commands);
  });

  it('names only operations that exist', () => {
    const unknown = [...mapped, ...Object.keys(NOT_FOR_PEOPLE), ...Object.keys(NOT_YET_IN_CLI)].filter((name) => !(OPERATION_NAMES as string[]).includes(name));
    expect(unknown).toEqual([]);
  });

  it('gives every operation a command, or says why it has none', () => {
    const accounted = OPERATION_NAMES.filter((name) => mapped.has(name) || name in NOT_FOR_PEOPLE || name in NOT_YET_IN_CLI);
    expect(OPERATION_NAMES.filter((name) => !accounted.includes(name))).toEqual([]);
    // An operation with a command is not also excused; one excused is not also "not yet".
    expect(Object.keys(NOT_FOR_PEOPLE).filter((name) => mapped.has(name) && !name.startsWith('session.'))).toEqual([]);
    expect(Object.keys(NOT_YET_IN_CLI).filter((name) => mapped.has(name) || name in NOT_FOR_PEOPLE)).toEqual([]);
    for (const reason of [...Object.values(NOT_FOR_PEOPLE), ...Object.values(NOT_YET_IN_CLI)]) expect(reason.length).toBeGreaterThan(15);
  });

  it('matches what the CLI source really calls, both ways', () => {
    const inSource = operationsNamedInSource();
    // Login and logout are every command's, made in office.ts.
    expect([...inSource].filter((name) => !mapped.has(name) && !name.startsWith('session.')).sort()).toEqual([]);
    expect([...mapped].filter((name) => !inSource.has(name)).sort()).toEqual([]);
  });

  it('has the commands a CLI-only office needs to release a blocked account and bill it', () => {
    expect(CLI_COMMAND_OPERATIONS['reads resolve']).toContain('reads.resolve');
    expect(CLI_COMMAND_OPERATIONS['reads bulk-accept']).toContain('reads.bulkAccept');
    expect(CLI_COMMAND_OPERATIONS['billing charge-fee']).toContain('billing.chargeFee');
    expect(CLI_COMMAND_OPERATIONS['audit list']).toContain('audit.recent');
  });
});
