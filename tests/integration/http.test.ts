/**
 * Browser mode's HTTP transport on a real port on 127.0.0.1, driven with raw HTTP requests (so
 * the Host header and body size are ours to choose): the secret, the DNS-rebinding guard, the
 * body limit, login and roles, and the static renderer with its CSP.
 */
import { randomUUID } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HTTP_SECRET_HEADER, httpPathFor } from '../../src-shared/bridge';
import { startHttpServer, type RunningHttpServer } from '../../src-main/transports/http';
import { MAX_REQUEST_BYTES, RENDERER_CSP } from '../../src-main/transports/security';
import { createTestOffice, TEST_PASSWORD, TEST_USERS, type TestOffice } from '../support/office';

const SECRET = 'test-secret-0123456789abcdef';

interface Response {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

let office: TestOffice;
let server: RunningHttpServer;
let rendererFolder: string;

function send(options: {
  method?: string;
  path: string;
  headers?: Record<string, string | number>;
  body?: string | Buffer;
  /** Send the body in chunks without a Content-Length. */
  chunked?: boolean;
}): Promise<Response> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(
      {
        host: '127.0.0.1',
        port: server.port,
        method: options.method ?? 'GET',
        path: options.path,
        headers: { host: `127.0.0.1:${server.port}`, ...options.headers },
      },
      (response) => {
        let body = '';
        response.setEncoding('utf8');
        response.on('data', (chunk) => (body += chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body }));
      },
    );
    // The server may answer and close before a refused body is fully sent.
    const ignoreRefusedBody = (error: NodeJS.ErrnoException) => (error.code === 'EPIPE' || error.code === 'ECONNRESET' ? undefined : reject(error));
    request.on('error', ignoreRefusedBody);
    request.on('socket', (socket) => socket.on('error', ignoreRefusedBody));
    if (options.body !== undefined && options.chunked) {
      const body = Buffer.from(options.body);
      for (let offset = 0; offset < body.length; offset += 1024 * 1024) request.write(body.subarray(offset, offset + 1024 * 1024));
    } else if (options.body !== undefined) {
      request.write(options.body);
    }
    request.end();
  });
}

function callOp(name: Parameters<typeof httpPathFor>[0], input: unknown, headers: Record<string, string> = {}, extra: object = {}): Promise<Response> {
  const body = JSON.stringify({ input, ...extra });
  return send({
    method: 'POST',
    path: httpPathFor(name),
    headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), [HTTP_SECRET_HEADER]: SECRET, ...headers },
    body,
  });
}

async function loginAs(username: string): Promise<string> {
  const response = await callOp('session.login', { username, password: TEST_PASSWORD });
  expect(response.status).toBe(200);
  const result = JSON.parse(response.body);
  expect(result.ok).toBe(true);
  return result.value.token as string;
}

beforeAll(async () => {
  office = await createTestOffice();
  rendererFolder = mkdtempSync(join(tmpdir(), 'billing-office-renderer-'));
  mkdirSync(join(rendererFolder, 'assets'));
  writeFileSync(join(rendererFolder, 'index.html'), '<!doctype html><title>Billing Office</title><div id="root"></div><script type="module" src="./assets/app.js"></script>');
  writeFileSync(join(rendererFolder, 'assets', 'app.js'), 'console.log("renderer");');
  server = await startHttpServer(office.runtime, { port: 0, secret: SECRET, rendererFolder });
});

afterAll(async () => {
  await server?.close();
  office?.cleanup();
  rmSync(rendererFolder, { recursive: true, force: true });
});

describe('browser mode over HTTP', () => {
  it('listens on 127.0.0.1 and hands the secret to the browser only in the URL fragment', () => {
    expect(server.url).toBe(`http://127.0.0.1:${server.port}`);
    expect(server.launchUrl).toBe(`http://127.0.0.1:${server.port}/#launch=${SECRET}`);
  });

  it('refuses an operation without the secret, or with a wrong one (403)', async () => {
    const body = JSON.stringify({ input: { username: TEST_USERS.supervisor, password: TEST_PASSWORD } });
    const missing = await send({ method: 'POST', path: httpPathFor('session.login'), headers: { 'content-type': 'application/json' }, body });
    expect(missing.status).toBe(403);
    expect(JSON.parse(missing.body)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });

    const wrong = await callOp('session.login', { username: TEST_USERS.supervisor, password: TEST_PASSWORD }, { [HTTP_SECRET_HEADER]: `${SECRET}x` });
    expect(wrong.status).toBe(403);
    const wrongSameLength = await callOp('session.login', { username: TEST_USERS.supervisor, password: TEST_PASSWORD }, { [HTTP_SECRET_HEADER]: SECRET.replace(/.$/, '!') });
    expect(wrongSameLength.status).toBe(403);
  });

  it('refuses a request addressed to another host name, even with the secret (421, DNS rebinding)', async () => {
    for (const host of ['evil.example', `evil.example:${server.port}`, `127.0.0.1:${server.port + 1}`, `[::1]:${server.port}`]) {
      const response = await send({ path: '/', headers: { host } });
      expect(response.status, `Host: ${host}`).toBe(421);
    }
    const op = await send({
      method: 'POST',
      path: httpPathFor('system.info'),
      headers: { host: `rebound.example:${server.port}`, [HTTP_SECRET_HEADER]: SECRET, 'content-type': 'application/json' },
      body: '{"input":{}}',
    });
    expect(op.status).toBe(421);
    expect((await send({ path: '/api/health', headers: { host: `localhost:${server.port}` } })).status).toBe(200);
  });

  it('logs in, then runs operations with the session; roles still apply', async () => {
    const supervisor = await loginAs(TEST_USERS.supervisor);
    const users = await callOp('users.list', {}, { authorization: `Bearer ${supervisor}` });
    expect(users.status).toBe(200);
    const listed = JSON.parse(users.body);
    expect(listed.ok).toBe(true);
    expect(listed.value.map((user: { username: string }) => user.username)).toContain(TEST_USERS.clerk);

    const noSession = await callOp('users.list', {});
    expect(JSON.parse(noSession.body)).toMatchObject({ ok: false, error: { code: 'NOT_LOGGED_IN' } });

    const clerk = await loginAs(TEST_USERS.clerk);
    const refused = await callOp('users.list', {}, { authorization: `Bearer ${clerk}` });
    expect(JSON.parse(refused.body)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });

    const write = await callOp(
      'users.create',
      { username: 'httpuser', displayName: 'HTTP User', role: 'clerk', password: 'long-enough-1' },
      { authorization: `Bearer ${supervisor}` },
      { idempotencyKey: '3f0e9a4c-0000-4000-8000-00000000c0de' },
    );
    expect(JSON.parse(write.body)).toMatchObject({ ok: true, value: { username: 'httpuser' } });

    const bad = await send({ method: 'POST', path: httpPathFor('users.list'), headers: { [HTTP_SECRET_HEADER]: SECRET, 'content-type': 'application/json' }, body: '{not json' });
    expect(bad.status).toBe(400);
    const unknown = await send({ method: 'POST', path: '/api/op/no.such', headers: { [HTTP_SECRET_HEADER]: SECRET, 'content-type': 'application/json' }, body: '{"input":{}}' });
    expect(JSON.parse(unknown.body)).toMatchObject({ ok: false, error: { code: 'UNKNOWN_OPERATION' } });
  });

  it('answers an approval or request id of the wrong type with 400 and a field error, and writes nothing', async () => {
    const technician = await loginAs(TEST_USERS.technician);
    const db = office.runtime.database.sqlite;
    const rows = () => (db.prepare('SELECT (SELECT COUNT(*) FROM audit_log) + (SELECT COUNT(*) FROM journal_entries) AS n').get() as { n: number }).n;
    const before = rows();
    const adjust = { entryId: randomUUID(), accountId: 1, amountCents: 500, reason: 'meter misread' };
    const cases: [object, string][] = [
      [{ idempotencyKey: randomUUID(), approval: { username: 1, password: 2 } }, 'approval'],
      [{ idempotencyKey: randomUUID(), approval: 'sofia' }, 'approval'],
      [{ idempotencyKey: randomUUID(), approval: [TEST_USERS.supervisor, TEST_PASSWORD] }, 'approval'],
      [{ idempotencyKey: randomUUID(), approval: { username: TEST_USERS.supervisor } }, 'approval'],
      [{ idempotencyKey: 12345678, approval: { username: TEST_USERS.supervisor, password: TEST_PASSWORD } }, 'idempotencyKey'],
    ];
    for (const [extra, field] of cases) {
      const response = await callOp('ledger.adjust', adjust, { authorization: `Bearer ${technician}` }, extra);
      expect(response.status, JSON.stringify(extra)).toBe(400);
      expect(response.headers['content-type']).toMatch(/^application\/json/);
      expect(JSON.parse(response.body)).toEqual({ ok: false, error: { code: 'INVALID_INPUT', message: expect.any(String), field } });
    }
    expect(JSON.parse((await callOp('ledger.adjust', adjust, { authorization: `Bearer ${technician}` }, cases[0]![0])).body).error.message).toBe(
      'The supervisor approval must be a user name and a password; ask the supervisor to enter them again',
    );
    expect(rows()).toBe(before);

    // The same call with a well-formed approval reaches the operation (here: no such account).
    const wellFormed = await callOp('ledger.adjust', adjust, { authorization: `Bearer ${technician}` }, { idempotencyKey: randomUUID(), approval: { username: TEST_USERS.supervisor, password: TEST_PASSWORD } });
    expect(wellFormed.status).toBe(200);
    expect(JSON.parse(wellFormed.body)).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  it('refuses an oversize body (413), whether it declares its length or streams it', async () => {
    const huge = `{"input":{"query":"${'x'.repeat(MAX_REQUEST_BYTES + 1024)}"}}`;
    const declared = await send({
      method: 'POST',
      path: httpPathFor('accounts.search'),
      headers: { [HTTP_SECRET_HEADER]: SECRET, 'content-type': 'application/json', 'content-length': Buffer.byteLength(huge) },
      body: huge,
    });
    expect(declared.status).toBe(413);
    expect(JSON.parse(declared.body)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });

    const streamed = await send({
      method: 'POST',
      path: httpPathFor('accounts.search'),
      headers: { [HTTP_SECRET_HEADER]: SECRET, 'content-type': 'application/json', 'transfer-encoding': 'chunked' },
      body: huge,
      chunked: true,
    });
    expect(streamed.status).toBe(413);
  });

  it('serves the renderer with the CSP and hardening headers, and nothing outside its folder', async () => {
    const index = await send({ path: '/' });
    expect(index.status).toBe(200);
    expect(index.body).toContain('<div id="root"></div>');
    expect(index.headers['content-security-policy']).toBe(RENDERER_CSP);
    expect(index.headers['x-content-type-options']).toBe('nosniff');
    expect(index.headers['referrer-policy']).toBe('no-referrer');

    const asset = await send({ path: '/assets/app.js' });
    expect(asset.status).toBe(200);
    expect(asset.headers['content-security-policy']).toBe(RENDERER_CSP);

    for (const path of ['/../package.json', '/%2e%2e/package.json', '/assets/..%2f..%2fpackage.json', '/..%5cpackage.json']) {
      const escape = await send({ path });
      expect(escape.body, path).not.toContain('"name": "billing-office"');
    }
  });
});
