/**
 * The layering rules of GUIDE.md §1, checked on every import (static, type-only, re-export,
 * dynamic import and require) of every .ts/.tsx file in src-shared, src-main and src-renderer.
 * A failure names the file and line. The checker proves itself on fake violating sources first.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join, posix, relative, resolve, sep } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(__dirname, '../..');
const SCANNED = ['src-shared', 'src-main', 'src-renderer'];

type Layer = 'shared' | 'renderer' | 'core' | 'operations' | 'transports' | 'shell' | 'cli' | 'main' | 'db' | 'outside';

/** The layer of a repository-relative posix path. */
function layerOf(path: string): Layer {
  if (path.startsWith('src-shared/')) return 'shared';
  if (path.startsWith('src-renderer/')) return 'renderer';
  for (const layer of ['core', 'operations', 'transports', 'shell', 'cli'] as const) {
    if (path.startsWith(`src-main/${layer}/`)) return layer;
  }
  if (path.startsWith('src-main/')) return 'main';
  if (path.startsWith('db/')) return 'db';
  return 'outside';
}

const NODE_BUILTINS = new Set(builtinModules.flatMap((name) => [name, `node:${name}`]));
const isNodeBuiltin = (specifier: string) => specifier.startsWith('node:') || NODE_BUILTINS.has(specifier.split('/')[0] ?? '');
const packageName = (specifier: string) =>
  specifier.startsWith('@') ? specifier.split('/').slice(0, 2).join('/') : (specifier.split('/')[0] ?? specifier);

/** Packages that only make sense in the browser (DOM) or only in Node/Electron's main side. */
const DOM_ONLY_PACKAGES = new Set(['react', 'react-dom', '@tanstack/react-virtual', '@tanstack/react-table']);
const MAIN_ONLY_PACKAGES = new Set(['better-sqlite3', 'drizzle-orm', 'hono', '@hono/node-server', 'commander', 'tsx']);

interface Violation {
  file: string;
  line: number;
  specifier: string;
  rule: string;
}

interface Target {
  /** Repository-relative path for relative imports; undefined for packages. */
  path?: string;
  layer?: Layer;
  specifier: string;
}

function resolveTarget(file: string, specifier: string): Target {
  if (!specifier.startsWith('.')) return { specifier };
  const path = posix.normalize(posix.join(posix.dirname(file), specifier));
  return { path, layer: layerOf(path), specifier };
}

/** The rule an import breaks, or undefined when it is allowed. */
function brokenRule(file: string, target: Target): string | undefined {
  const from = layerOf(file);
  const { specifier } = target;
  const isElectron = specifier === 'electron' || specifier.startsWith('electron/');
  if (isElectron && from !== 'shell') return "only src-main/shell may import 'electron'";

  if (from === 'shared') {
    if (target.path !== undefined && target.layer !== 'shared') return 'src-shared imports nothing outside src-shared';
    if (isNodeBuiltin(specifier)) return 'src-shared must not use Node modules (it runs in the renderer too)';
    if (DOM_ONLY_PACKAGES.has(packageName(specifier))) return 'src-shared must not use DOM-only modules (it runs in the main process too)';
    if (MAIN_ONLY_PACKAGES.has(packageName(specifier))) return 'src-shared must not use main-process packages';
    return undefined;
  }
  if (from === 'renderer') {
    if (target.layer !== undefined && target.layer !== 'renderer' && target.layer !== 'shared') {
      return 'src-renderer may import only src-renderer and src-shared (reach the main process through the client)';
    }
    if (isNodeBuiltin(specifier)) return 'src-renderer runs in a browser: no Node modules';
    if (MAIN_ONLY_PACKAGES.has(packageName(specifier))) return 'src-renderer must not use main-process packages';
    return undefined;
  }
  // Everything under src-main (and nothing else is scanned).
  if (target.layer === 'renderer') return 'src-main must not import src-renderer';
  if (from === 'core' && (['transports', 'operations', 'shell', 'cli'] as Layer[]).includes(target.layer as Layer)) {
    return `src-main/core is plain domain code: it must not import src-main/${target.layer}`;
  }
  if (from === 'operations' && (['transports', 'shell', 'cli'] as Layer[]).includes(target.layer as Layer)) {
    return `src-main/operations is transport-agnostic: it must not import src-main/${target.layer}`;
  }
  if (target.layer === 'shell' && from !== 'shell') return 'only the Electron shell imports src-main/shell';
  if (target.layer === 'cli' && from !== 'cli') return 'only the CLI imports src-main/cli';
  return undefined;
}

/** Every import of one source file that breaks a rule, with its line number. */
function checkSource(file: string, source: string): Violation[] {
  const { importedFiles } = ts.preProcessFile(source, true, true);
  const violations: Violation[] = [];
  for (const imported of importedFiles) {
    const rule = brokenRule(file, resolveTarget(file, imported.fileName));
    if (rule) {
      const line = source.slice(0, imported.pos).split('\n').length;
      violations.push({ file, line, specifier: imported.fileName, rule });
    }
  }
  return violations;
}

function sourceFiles(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : sourceFiles(path);
    return /\.tsx?$/.test(entry.name) && !entry.name.endsWith('.d.ts') ? [path] : [];
  });
}

const toRepoPath = (absolute: string) => relative(ROOT, absolute).split(sep).join('/');
const describeViolation = (violation: Violation) => `${violation.file}:${violation.line}: '${violation.specifier}' — ${violation.rule}`;

describe('the layering checker catches violations (it proves itself first)', () => {
  const cases: [file: string, source: string, expectedLine: number][] = [
    ['src-shared/money.ts', "import { x } from '../src-main/core/errors';", 1],
    ['src-shared/ids.ts', "// a comment\nimport type { Page } from '../src-renderer/app/router';", 2],
    ['src-shared/format.ts', "import { readFileSync } from 'node:fs';", 1],
    ['src-shared/format.ts', "import path from 'path';", 1],
    ['src-shared/format.ts', "import { createRoot } from 'react-dom/client';", 1],
    ['src-shared/format.ts', "import Database from 'better-sqlite3';", 1],
    // A multi-line import is reported at the line of its module specifier.
    ['src-renderer/app/App.tsx', "import React from 'react';\nimport {\n  OfficeRuntime,\n} from '../../src-main/operations/runtime';", 4],
    ['src-renderer/app/App.tsx', "const fs = await import('node:fs');", 1],
    ['src-main/transports/http.ts', "import { app } from 'electron';", 1],
    ['src-main/core/ledger/journal.ts', "export { dispatch } from '../../operations/dispatcher';", 1],
    ['src-main/core/users/users.ts', "const runtime = require('../../transports/http');", 1],
    ['src-main/core/storage/backup.ts', "import { main } from '../../cli/main';", 1],
    ['src-main/operations/system.ts', "import { createHttpApp } from '../transports/http';", 1],
    ['src-main/operations/system.ts', "import { buildApplicationMenu } from '../shell/menu';", 1],
    ['src-main/cli/main.ts', "import { ipcMain } from 'electron/main';", 1],
    ['src-main/transports/http.ts', "import { Shell } from '../../src-renderer/app/Shell';", 1],
  ];
  it.each(cases)('%s: %j is caught at line %i', (file, source, expectedLine) => {
    const violations = checkSource(file, source);
    expect(violations).toHaveLength(1);
    expect(violations[0]?.line).toBe(expectedLine);
  });

  it('allows what the layers are for, and ignores imports in comments and strings', () => {
    const allowed: [string, string][] = [
      ['src-shared/contract/system.ts', "import { z } from 'zod';\nimport { ROLES } from '../roles';"],
      ['src-renderer/app/App.tsx', "import { useState } from 'react';\nimport type { OperationName } from '../../src-shared/contract';"],
      ['src-main/shell/main.ts', "import { app } from 'electron';\nimport { startOffice } from '../operations/startup';"],
      ['src-main/operations/system.ts', "import { verifyBooks } from '../core/ledger/verify';"],
      ['src-main/transports/http.ts', "import type { OfficeRuntime } from '../operations/runtime';\nimport { join } from 'node:path';"],
      ['src-main/cli/main.ts', "import { Command } from 'commander';\nimport { login } from './office';"],
      ['src-main/core/ledger/journal.ts', "// import { app } from 'electron';\nconst text = \"import x from '../../transports/http'\";"],
    ];
    for (const [file, source] of allowed) expect(checkSource(file, source), file).toEqual([]);
  });
});

describe('the code base follows the layering rules', () => {
  const files = SCANNED.flatMap((folder) => sourceFiles(join(ROOT, folder)));

  it('finds the source files to check', () => {
    expect(files.length).toBeGreaterThan(50);
    for (const folder of SCANNED) expect(files.some((file) => toRepoPath(file).startsWith(`${folder}/`)), folder).toBe(true);
  });

  it('has no import that breaks a layering rule', () => {
    const violations = files.flatMap((file) => checkSource(toRepoPath(file), readFileSync(file, 'utf8')));
    expect(violations.map(describeViolation)).toEqual([]);
  });
});
