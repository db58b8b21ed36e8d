import type { AppError, Result } from '../../../shared/errors.js';
import { networkError, type Transport } from '../api/transport.js';

/**
 * Head-office mode (the server's /hq/ pages): the same contract envelopes as the till's browser
 * host, sent to the shop server's /hq/api/invoke with the owner's session cookie (HttpOnly, set
 * at sign-in) and the chosen branch in x-pos-branch. There are no pushed events here.
 */
export const HQ_API = '/hq/api';

export interface Branch { code: string; name: string }
export interface HqSession { signedIn: boolean; branches: Branch[] }

async function post(path: string, body: unknown, headers: Record<string, string> = {}): Promise<Result<unknown>> {
  try {
    const res = await fetch(`${HQ_API}${path}`, {
      method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body), credentials: 'same-origin', cache: 'no-store',
    });
    const answer = (await res.json()) as Result<unknown> | { error: { code: string } };
    if ('ok' in answer) return answer;
    return { ok: false, error: { code: 'internal', messageKey: 'errors.internal' } as AppError };
  } catch {
    return networkError();
  }
}

export async function hqSession(): Promise<Result<HqSession>> {
  try {
    const res = await fetch(`${HQ_API}/session`, { credentials: 'same-origin', cache: 'no-store' });
    return (await res.json()) as Result<HqSession>;
  } catch {
    return networkError();
  }
}

export const hqSignIn = (password: string) => post('/sign-in', { password }) as Promise<Result<HqSession>>;
export const hqSignOut = () => post('/sign-out', {});

/** `branch()` is read at each call: the picker's choice (null = the whole chain). */
export function headOfficeTransport(branch: () => string | null): Transport {
  return {
    kind: 'http',
    invoke: (envelope) => {
      const b = branch();
      return post('/invoke', { method: envelope.method, input: envelope.input }, b ? { 'x-pos-branch': b } : {});
    },
    on: () => () => {},
  };
}
