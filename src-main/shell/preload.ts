/**
 * Preload script of the office window. It runs sandboxed (so it is bundled to a single
 * CommonJS file that requires nothing but electron) and exposes exactly the named operations
 * plus onNavigate — never ipcRenderer itself.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { BRIDGE_GLOBAL } from '../../src-shared/bridge';
import { OPERATION_NAMES } from '../../src-shared/contract';
import { createOfficeBridge } from './bridge-api';

const bridge = createOfficeBridge(
  OPERATION_NAMES,
  (channel, call) => ipcRenderer.invoke(channel, call),
  // Drop the IpcRendererEvent: it would hand the page a route back to ipcRenderer.
  (channel, listener) => {
    ipcRenderer.on(channel, (_event, ...args: unknown[]) => listener(...args));
  },
);

contextBridge.exposeInMainWorld(BRIDGE_GLOBAL, bridge);
