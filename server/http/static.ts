import fs from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import sirv from 'sirv';

/**
 * The built renderer for head office's pages, through sirv (unknown paths fall back to
 * index.html), as the till's browser host serves it (electron/host/static-files.ts, which the
 * server may not import): never a source map, and only regular files really inside the folder
 * (sirv follows symbolic links; a file reached through one is refused).
 */
const isSourceMap = (pathname: string) => /\.map\/*$/i.test(safeDecode(pathname));
function safeDecode(p: string): string {
  try {
    return decodeURIComponent(p);
  } catch {
    return p;
  }
}

const identity = (s: fs.Stats) => `${s.dev}:${s.ino}`;
function realFiles(dir: string, found = new Set<string>()): Set<string> {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const abs = path.join(dir, entry.name);
    if (entry.isDirectory()) realFiles(abs, found);
    else if (entry.isFile() && !isSourceMap(entry.name)) found.add(identity(fs.lstatSync(abs)));
  }
  return found;
}

class Refused extends Error {}

export function rendererFiles(dir: string, setHeaders: (res: ServerResponse) => void) {
  const servable = realFiles(dir);
  const assets = sirv(dir, {
    single: true,
    etag: true,
    setHeaders(res, _pathname, stats) {
      if (!servable.has(identity(stats))) throw new Refused();
      setHeaders(res);
    },
  });
  return (req: IncomingMessage, res: ServerResponse, notFound: () => void) => {
    if (isSourceMap(new URL(req.url ?? '/', 'https://x').pathname)) return notFound();
    try {
      assets(req, res, notFound);
    } catch (e) {
      if (!(e instanceof Refused)) throw e;
      notFound();
    }
  };
}
