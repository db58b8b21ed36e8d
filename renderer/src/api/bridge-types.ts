import type { Envelope } from '../../../shared/contract/index.js';
import type { Result } from '../../../shared/errors.js';

/**
 * What the Electron preload exposes as `window.posBridge` (mirrors PosBridge in
 * electron/preload/bridge-types.ts, which the renderer may not import).
 */
export interface PosBridge {
  invoke(envelope: Envelope): Promise<Result<unknown>>;
  on(event: string, cb: (payload: unknown) => void): () => void;
}

declare global {
  interface Window {
    posBridge?: PosBridge;
  }
}
