/**
 * The desktop transport: one `ipcMain.handle` per contract operation, on channel
 * `ipcChannelFor(name)`, each serving the same operation table as browser mode and the CLI.
 *
 * This file does not import electron (only src-main/shell does): the shell passes in its
 * `ipcMain`, and tests pass a fake. Every message's sender is checked before anything else —
 * a frame that is not our own renderer (a stray navigation, an iframe, a devtools extension
 * page) gets FORBIDDEN and the runtime never sees the call.
 */
import { isAbsolute, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ipcChannelFor } from '../../src-shared/bridge';
import { OPERATION_NAMES, parseRequestEnvelope, type OperationName, type OperationRequest } from '../../src-shared/contract';
import { fail, type Result } from '../../src-shared/result';
import { MAX_REQUEST_BYTES } from './security';

/** The parts of Electron's IpcMainInvokeEvent this transport reads. */
export interface IpcInvokeEventLike {
  /** The frame that sent the message; null when it has navigated away or been destroyed. */
  readonly senderFrame: { readonly url: string; readonly parent?: unknown } | null;
  /** The sending web contents (its id keys the session remembered for menu commands). */
  readonly sender?: { readonly id: number };
}

/** The parts of Electron's ipcMain this transport uses. */
export interface IpcMainLike {
  handle(channel: string, listener: (event: IpcInvokeEventLike, ...args: unknown[]) => unknown): void;
  removeHandler(channel: string): void;
}

/** Anything that runs operations: the OfficeRuntime, or a fake in tests. */
export interface OperationRunner {
  call(request: OperationRequest): Promise<Result<unknown>>;
}

/** True when a URL belongs to our own renderer. */
export type TrustedUrlCheck = (url: string) => boolean;

export interface RendererLocation {
  /** Dev server origin in development (electron-vite's ELECTRON_RENDERER_URL). */
  devServerUrl?: string | undefined;
  /** Folder holding the built renderer (out/renderer) for file:// loads. */
  rendererFolder?: string | undefined;
}

/**
 * Builds the check for "is this URL our renderer": the dev server's exact origin in
 * development, or a file inside the built renderer folder in production. Anything else —
 * other origins, other files on disk, data:, about:blank — is not ours.
 */
export function rendererUrlCheck(location: RendererLocation): TrustedUrlCheck {
  const devOrigin = location.devServerUrl ? new URL(location.devServerUrl).origin : undefined;
  const folder = location.rendererFolder ? resolve(location.rendererFolder) : undefined;
  return (url: string) => {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      return false;
    }
    if (devOrigin !== undefined && (parsed.protocol === 'http:' || parsed.protocol === 'https:')) {
      return parsed.origin === devOrigin;
    }
    if (folder !== undefined && parsed.protocol === 'file:' && (parsed.host === '' || parsed.host === 'localhost')) {
      let path: string;
      try {
        path = fileURLToPath(parsed);
      } catch {
        return false;
      }
      const inside = relative(folder, path);
      return inside !== '' && !inside.startsWith('..') && !isAbsolute(inside);
    }
    return false;
  };
}

/** Remembers the latest session token each window used, so menu commands act as that user. */
export class WindowSessions {
  private readonly tokens = new Map<number, string>();

  remember(senderId: number, token: string): void {
    this.tokens.set(senderId, token);
  }

  forget(senderId: number): void {
    this.tokens.delete(senderId);
  }

  /** The token last used from that window (the runtime still decides whether it is valid). */
  tokenFor(senderId: number): string | undefined {
    return this.tokens.get(senderId);
  }
}

export interface IpcTransportOptions {
  isTrustedUrl: TrustedUrlCheck;
  sessions?: WindowSessions;
  /** Where refused senders are reported (default: console.warn). */
  warn?: (message: string) => void;
}

const REFUSED_SENDER = 'This window is not part of Billing Office, so the request was refused.';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Rough size of a call, to refuse absurd payloads before validation does any work. */
function tooLarge(call: unknown): boolean {
  try {
    return JSON.stringify(call ?? null).length > MAX_REQUEST_BYTES;
  } catch {
    return true;
  }
}

/**
 * Turns what the renderer sent into an OperationRequest, keeping only the known fields, or the
 * field error when one has the wrong type (the envelope schema shared with browser mode). The
 * operation name comes from the channel, never from the message.
 */
export function toOperationRequest(op: OperationName, call: unknown): ReturnType<typeof parseRequestEnvelope> {
  return parseRequestEnvelope(op, isRecord(call) ? call : {});
}

/** Whether the sending frame is our renderer's top-level frame. */
function senderIsTrusted(event: IpcInvokeEventLike, isTrustedUrl: TrustedUrlCheck): boolean {
  const frame = event?.senderFrame;
  if (!frame || typeof frame.url !== 'string') return false;
  // Only the main frame: an iframe inside our page (there should be none) gets nothing.
  if (frame.parent !== undefined && frame.parent !== null) return false;
  return isTrustedUrl(frame.url);
}

/**
 * Registers one handler per operation. Returns a function that removes them again (tests,
 * and a clean shutdown).
 */
export function registerIpcTransport(ipcMain: IpcMainLike, runtime: OperationRunner, options: IpcTransportOptions): () => void {
  const warn = options.warn ?? ((message: string) => console.warn(`[billing-office] ${message}`));
  const channels: string[] = [];
  for (const op of OPERATION_NAMES) {
    const channel = ipcChannelFor(op);
    ipcMain.handle(channel, async (event, call): Promise<Result<unknown>> => {
      if (!senderIsTrusted(event, options.isTrustedUrl)) {
        warn(`refused ${op} from ${event?.senderFrame?.url ?? 'a closed frame'}`);
        return fail('FORBIDDEN', REFUSED_SENDER);
      }
      if (tooLarge(call)) return fail('INVALID_INPUT', 'The request is too large');
      const envelope = toOperationRequest(op, call);
      if (!envelope.ok) return envelope;
      const request = envelope.request;
      let result: Result<unknown>;
      try {
        result = await runtime.call(request);
      } catch (error) {
        // runtime.call does not throw; if it ever does, the renderer still gets a Result.
        console.error(`[billing-office] ${op} threw:`, error);
        return fail('INTERNAL', 'Something went wrong inside Billing Office and nothing was saved. Try again; if it repeats, call your supervisor.');
      }
      trackSession(options.sessions, event, op, request, result);
      return result;
    });
    channels.push(channel);
  }
  return () => {
    for (const channel of channels) ipcMain.removeHandler(channel);
  };
}

function trackSession(
  sessions: WindowSessions | undefined,
  event: IpcInvokeEventLike,
  op: OperationName,
  request: OperationRequest,
  result: Result<unknown>,
): void {
  const senderId = event.sender?.id;
  if (!sessions || senderId === undefined) return;
  if (op === 'session.login' && result.ok) {
    sessions.remember(senderId, (result.value as { token: string }).token);
  } else if (op === 'session.logout') {
    sessions.forget(senderId);
  } else if (request.sessionToken && result.ok) {
    sessions.remember(senderId, request.sessionToken);
  }
}
