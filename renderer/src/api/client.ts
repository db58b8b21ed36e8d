import type { Input, Method, Output } from '../../../shared/contract/index.js';
import type { Result } from '../../../shared/errors.js';
import { useSession } from '../stores/session.js';
import { notifyError } from '../stores/notices.js';
import { networkError, type Transport } from './transport.js';

let transport: Transport | null = null;

export function setTransport(t: Transport | null): void {
  transport = t;
}

export function getTransport(): Transport | null {
  return transport;
}

export interface InvokeOptions {
  /** Do not show a message on failure (polling, start-up checks, callers that show their own). */
  quiet?: boolean;
}

/**
 * The one way the renderer calls the core. Input and output types come from the contract;
 * the session token is added here; failures come back as results (never thrown) and are
 * announced in the alert region unless `quiet`. A not_signed_in answer ends the local
 * session (back to sign-in); session_locked shows the lock screen.
 */
export async function invoke<M extends Method>(method: M, input: Input<M>, options: InvokeOptions = {}): Promise<Result<Output<M>>> {
  const session = useSession.getState();
  let result: Result<unknown>;
  if (!transport) result = networkError();
  else {
    try {
      result = await transport.invoke({ method, input, session: session.token });
    } catch {
      result = networkError();
    }
  }
  if (!result.ok) {
    const { code } = result.error;
    if (code === 'session_locked') {
      useSession.getState().setLocked(true);
      return result;
    }
    if (code === 'not_signed_in' && useSession.getState().token) useSession.getState().clear();
    if (!options.quiet) notifyError(result.error);
  }
  return result as Result<Output<M>>;
}
