/**
 * Browser mode: the operation table over HTTP on 127.0.0.1 only, for machines without the
 * Electron binary. A per-launch secret (handed to the browser in the URL fragment, never in a
 * request line or log) must accompany every call, and the usual login and roles still apply.
 */
import { serve, type ServerType } from '@hono/node-server';
import { serveStatic } from '@hono/node-server/serve-static';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parseRequestEnvelope } from '../../src-shared/contract';
import { fail } from '../../src-shared/result';
import type { OfficeRuntime } from '../operations/runtime';
import { MAX_REQUEST_BYTES, RENDERER_CSP } from './security';

export { HTTP_SECRET_HEADER as SECRET_HEADER } from '../../src-shared/bridge';
import { HTTP_SECRET_HEADER as SECRET_HEADER } from '../../src-shared/bridge';

export interface HttpOptions {
  /** Built renderer (index.html and assets); omit to serve the API only. */
  rendererFolder?: string;
  /** 0 picks a free port. */
  port?: number;
  /** Fixed secret (tests); a random one otherwise. */
  secret?: string;
}

export interface RunningHttpServer {
  url: string;
  /** URL to open in the browser: carries the secret in its fragment. */
  launchUrl: string;
  secret: string;
  port: number;
  close(): Promise<void>;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function sameSecret(given: string | undefined, expected: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

export function createHttpApp(runtime: OfficeRuntime, secret: string, allowedHosts: () => readonly string[], rendererFolder?: string): Hono {
  const app = new Hono();
  // The path shape mirrors httpPathFor() in src-shared/bridge.ts.
  app.use('*', async (context, next) => {
    // DNS-rebinding guard: only requests addressed to our own loopback host:port.
    const host = context.req.header('host') ?? '';
    if (!allowedHosts().includes(host)) return context.text('Unknown host', 421);
    await next();
    context.header('Content-Security-Policy', RENDERER_CSP);
    context.header('X-Content-Type-Options', 'nosniff');
    context.header('Referrer-Policy', 'no-referrer');
    context.header('Cache-Control', 'no-store');
  });
  // Whatever slips past the dispatcher's own catch still answers as a Result, never as plain text.
  app.onError((error, context) => {
    console.error('[billing-office] HTTP request failed:', error);
    return context.json(fail('INTERNAL', 'Something went wrong inside Billing Office and nothing was saved. Try again; if it repeats, call your supervisor.'), 500);
  });
  app.get('/api/health', (context) => context.json({ ok: true }));
  app.post(
    '/api/op/:name',
    bodyLimit({ maxSize: MAX_REQUEST_BYTES, onError: (context) => context.json(fail('INVALID_INPUT', 'The request is too large'), 413) }),
    async (context) => {
      if (!sameSecret(context.req.header(SECRET_HEADER), secret)) {
        return context.json(fail('FORBIDDEN', 'This page is not from the running Billing Office; open the address it printed'), 403);
      }
      let body: unknown;
      try {
        body = await context.req.json();
      } catch {
        return context.json(fail('INVALID_INPUT', 'The request is not JSON'), 400);
      }
      // The session travels in the Authorization header, never in the body.
      const { input, idempotencyKey, approval } = isRecord(body) ? body : ({} as Record<string, unknown>);
      const envelope = parseRequestEnvelope(context.req.param('name'), { input, idempotencyKey, approval });
      if (!envelope.ok) return context.json(envelope, 400);
      const request = envelope.request;
      const authorization = context.req.header('authorization');
      const sessionToken = authorization?.startsWith('Bearer ') ? authorization.slice(7) : undefined;
      if (sessionToken) request.sessionToken = sessionToken;
      return context.json(await runtime.call(request));
    },
  );
  if (rendererFolder && existsSync(join(rendererFolder, 'index.html'))) {
    const root = relative(process.cwd(), rendererFolder) || '.';
    app.use('/*', serveStatic({ root }));
    app.get('*', serveStatic({ root, path: 'index.html' }));
  } else {
    app.get('/', (context) =>
      context.text('The renderer is not built. Run `npm run build:renderer` (npm start does this for you).', 503),
    );
  }
  return app;
}

export function startHttpServer(runtime: OfficeRuntime, options: HttpOptions = {}): Promise<RunningHttpServer> {
  const secret = options.secret ?? randomBytes(24).toString('base64url');
  let port = options.port ?? 0;
  const app = createHttpApp(runtime, secret, () => [`127.0.0.1:${port}`, `localhost:${port}`], options.rendererFolder);
  return new Promise((resolve, reject) => {
    let server: ServerType;
    try {
      server = serve({ fetch: app.fetch, port: options.port ?? 0, hostname: '127.0.0.1' }, (info) => {
        port = info.port;
        const url = `http://127.0.0.1:${port}`;
        resolve({
          url,
          launchUrl: `${url}/#launch=${secret}`,
          secret,
          port,
          close: () => new Promise<void>((done) => server.close(() => done())),
        });
      });
      server.on('error', reject);
    } catch (error) {
      reject(error);
    }
  });
}
