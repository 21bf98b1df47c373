/**
 * How the renderer reaches the main process. In the desktop app the preload script exposes
 * `window.officeApi` with one function per operation (never raw ipcRenderer); in browser mode
 * the renderer POSTs the same call to /api/op/<name> on 127.0.0.1.
 */
import type { OperationName, ResultOf, SupervisorApproval } from './contract';
import type { Result } from './result';

export interface OperationCall {
  input: unknown;
  sessionToken?: string;
  idempotencyKey?: string;
  approval?: SupervisorApproval;
}

export type OfficeBridge = {
  [Name in OperationName]: (call: OperationCall) => Promise<Result<ResultOf<Name>>>;
} & {
  /** Menu commands from the desktop shell ("open backups", "verify"), as an app path. */
  onNavigate(listener: (path: string) => void): void;
};

export const BRIDGE_GLOBAL = 'officeApi';
export const ipcChannelFor = (name: OperationName): string => `op:${name}`;
export const NAVIGATE_CHANNEL = 'shell:navigate';

/** HTTP path of an operation in browser mode. */
export const httpPathFor = (name: OperationName): string => `/api/op/${name}`;
export const HTTP_SECRET_HEADER = 'x-billing-office-secret';
/** The URL fragment key that carries browser mode's per-launch secret. */
export const LAUNCH_FRAGMENT_KEY = 'launch';
