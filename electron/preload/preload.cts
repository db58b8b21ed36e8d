/**
 * The preload: the only code with a foot on both sides of the context-isolation wall.
 *
 * CommonJS (.cts) because sandboxed preloads cannot be ES modules, and self-contained
 * because a sandboxed preload's `require` knows only 'electron' and a few built-ins, never
 * a sibling file: hence the channel names are spelled out here (electron/main/preload.test.ts
 * checks they match electron/main/ipc.ts). Type imports are erased and cost nothing.
 *
 * What crosses: `posBridge.invoke(envelope)` and `posBridge.on(event, cb)`, nothing else.
 * Never the raw ipcRenderer, never an IpcRendererEvent (its `sender` is ipcRenderer itself).
 */
// verbatimModuleSyntax makes `import = require` the only typed import a .cts may use.
// eslint-disable-next-line @typescript-eslint/no-require-imports
import electron = require('electron');
import type { PosBridge, PosEventName, PosEvents } from './bridge-types.js';

const INVOKE_CHANNEL = 'pos:invoke';
const EVENT_CHANNEL = 'pos:event';

const bridge: PosBridge = {
  invoke(envelope) {
    // One argument only: whatever else the page passes stays in the page.
    return electron.ipcRenderer.invoke(INVOKE_CHANNEL, envelope);
  },

  on<E extends PosEventName>(event: E, callback: (payload: PosEvents[E]) => void): () => void {
    if (typeof event !== 'string' || typeof callback !== 'function') {
      throw new TypeError('posBridge.on(event, callback): event must be a string and callback a function');
    }
    // The event object is dropped here; the page sees only the payload of its own event.
    const listener = (_event: unknown, message: unknown): void => {
      if (typeof message !== 'object' || message === null) return;
      const { event: name, payload } = message as { event?: unknown; payload?: unknown };
      if (name === event) callback(payload as PosEvents[E]);
    };
    electron.ipcRenderer.on(EVENT_CHANNEL, listener);
    let subscribed = true;
    return () => {
      if (!subscribed) return;
      subscribed = false;
      electron.ipcRenderer.removeListener(EVENT_CHANNEL, listener);
    };
  },
};

electron.contextBridge.exposeInMainWorld('posBridge', bridge);
