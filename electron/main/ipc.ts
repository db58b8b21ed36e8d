/**
 * The IPC adapter: Electron's transport for the one dispatcher. It owns no domain logic;
 * it checks who is asking, hands the envelope on, and answers a Result whatever happens.
 */
import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import type { Envelope } from '../../shared/contract/index.js';
import { appError, type Result } from '../../shared/errors.js';
import type { PosEventMessage, PosEventName, PosEvents } from '../preload/bridge-types.js';
import { isAppUrl } from './app-origin.js';

/** Spelled out again in electron/preload/preload.cts (a sandboxed preload cannot import). */
export const INVOKE_CHANNEL = 'pos:invoke';
export const EVENT_CHANNEL = 'pos:event';

export interface InvokeTarget {
  invoke(envelope: Envelope): Promise<Result<unknown>>;
}

export interface IpcLogger {
  warn(message: string): void;
  error(message: string, err?: unknown): void;
}

const consoleLogger: IpcLogger = { warn: (m) => console.warn(m), error: (m, e) => console.error(m, e) };

/** The sender frame must be the top frame of a page on the app origin. */
type SenderEvent = Pick<IpcMainInvokeEvent, 'senderFrame'>;

function senderIsTrusted(event: SenderEvent): boolean {
  // senderFrame is null once the frame navigated or closed; reading .url of a disposed
  // frame throws. Either way the caller is no longer the page we loaded.
  try {
    const frame = event.senderFrame;
    return frame !== null && frame.parent === null && isAppUrl(frame.url);
  } catch {
    return false;
  }
}

/** Keeps the three known fields; anything else the page attached stays behind. */
function toEnvelope(raw: unknown): Envelope {
  const value = typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>) : {};
  return {
    method: typeof value.method === 'string' ? value.method : '',
    input: value.input,
    session: typeof value.session === 'string' ? value.session : null,
  };
}

/**
 * One invoke, start to finish. Never throws: a thrown error would reach the page as a
 * rejected promise carrying a main-process message; a Result carries a code to translate.
 */
export async function handleInvoke(
  dispatcher: InvokeTarget,
  event: SenderEvent,
  raw: unknown,
  logger: IpcLogger = consoleLogger,
): Promise<Result<unknown>> {
  if (!senderIsTrusted(event)) {
    let url = '(none)';
    try {
      url = event.senderFrame?.url ?? '(none)';
    } catch {
      url = '(disposed)';
    }
    logger.warn(`ipc: refused ${INVOKE_CHANNEL} from ${url.slice(0, 200)}`);
    return { ok: false, error: appError('forbidden') };
  }
  try {
    return await dispatcher.invoke(toEnvelope(raw));
  } catch (err) {
    // The dispatcher promises not to throw; this is the seatbelt if it ever does.
    logger.error('ipc: dispatcher threw', err);
    return { ok: false, error: appError('internal') };
  }
}

/** Registers the handler; returns the way to remove it (tests, shutdown). */
export function registerInvokeHandler(
  ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>,
  dispatcher: InvokeTarget,
  logger: IpcLogger = consoleLogger,
): () => void {
  ipcMain.handle(INVOKE_CHANNEL, (event, envelope: unknown) => handleInvoke(dispatcher, event, envelope, logger));
  return () => ipcMain.removeHandler(INVOKE_CHANNEL);
}

export type EventReceiver = Pick<WebContents, 'isDestroyed' | 'getURL' | 'send'>;

/**
 * Main -> page pushes (device status and the like) on EVENT_CHANNEL. Only live contents
 * showing the app get them: a payload is never sent to a page that is not ours.
 */
export function createEventSender(targets: () => Iterable<EventReceiver>) {
  return function sendEvent<E extends PosEventName>(event: E, payload: PosEvents[E]): number {
    const message: PosEventMessage<E> = { event, payload };
    let sent = 0;
    for (const contents of targets()) {
      if (contents.isDestroyed() || !isAppUrl(contents.getURL())) continue;
      contents.send(EVENT_CHANNEL, message);
      sent += 1;
    }
    return sent;
  };
}
export type SendEvent = ReturnType<typeof createEventSender>;
