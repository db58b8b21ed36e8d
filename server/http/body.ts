import type { IncomingMessage } from 'node:http';
import { MAX_SYNC_BODY_BYTES } from '../../shared/sync/protocol.js';
import { SyncError, badRequest } from '../errors.js';

const isJson = (contentType: string | undefined) => {
  if (!contentType) return false;
  const [type, ...params] = contentType.split(';').map((s) => s.trim().toLowerCase());
  return type === 'application/json' && params.every((p) => p === '' || p === 'charset=utf-8');
};

/**
 * The request body as JSON, or a typed refusal. A body announced (Content-Length) or found
 * (while streaming) larger than the limit is refused at once with too_large, without reading
 * the rest: the caller answers and closes the connection.
 */
export async function readJsonBody(req: IncomingMessage, limit = MAX_SYNC_BODY_BYTES): Promise<unknown> {
  if (!isJson(req.headers['content-type'])) throw badRequest('content-type must be application/json');
  const declared = req.headers['content-length'];
  if (declared !== undefined && Number(declared) > limit) throw new SyncError('too_large', 413, `bodies are at most ${limit} bytes`);

  const chunks: Buffer[] = [];
  let size = 0;
  await new Promise<void>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        cleanup();
        req.pause();
        reject(new SyncError('too_large', 413, `bodies are at most ${limit} bytes`));
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = () => {
      cleanup();
      resolve();
    };
    const onError = (err: Error) => {
      cleanup();
      reject(err);
    };
    const cleanup = () => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onError);
    };
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onError);
  });
  const text = Buffer.concat(chunks).toString('utf8');
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw badRequest('the body is not valid JSON');
  }
}
