/**
 * The object the preload script exposes as `window.officeApi`: one function per operation
 * name (each invoking that operation's own channel) and `onNavigate` for menu commands.
 * Kept free of electron imports so it can be tested with fakes; preload.ts wires it to
 * ipcRenderer. The renderer never receives ipcRenderer, an IPC event, or any other channel.
 */
import { ipcChannelFor, NAVIGATE_CHANNEL, type OfficeBridge, type OperationCall } from '../../src-shared/bridge';
import type { OperationName } from '../../src-shared/contract';

export type Invoke = (channel: string, call: OperationCall) => Promise<unknown>;
/** Subscribes to a main → renderer channel; the listener gets the message's arguments only. */
export type Subscribe = (channel: string, listener: (...args: unknown[]) => void) => void;

/** Copies only the fields an operation call may carry (nothing callable, nothing extra). */
function plainCall(call: OperationCall | undefined): OperationCall {
  const copy: OperationCall = { input: call?.input };
  if (typeof call?.sessionToken === 'string') copy.sessionToken = call.sessionToken;
  if (typeof call?.idempotencyKey === 'string') copy.idempotencyKey = call.idempotencyKey;
  if (call?.approval) copy.approval = { username: String(call.approval.username), password: String(call.approval.password) };
  return copy;
}

export function createOfficeBridge(operationNames: readonly OperationName[], invoke: Invoke, subscribe: Subscribe): OfficeBridge {
  const bridge: Record<string, unknown> = {};
  for (const name of operationNames) {
    const channel = ipcChannelFor(name);
    bridge[name] = (call: OperationCall) => invoke(channel, plainCall(call));
  }
  bridge.onNavigate = (listener: (path: string) => void) => {
    subscribe(NAVIGATE_CHANNEL, (path: unknown) => {
      if (typeof path === 'string') listener(path);
    });
  };
  return bridge as OfficeBridge;
}
