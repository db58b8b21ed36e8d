import fs from 'node:fs';
import type http from 'node:http';
import path from 'node:path';
import sirv from 'sirv';

type Handler = (req: http.IncomingMessage, res: http.ServerResponse, next: () => void) => void;

/** The request path as sirv will read it (it decodes %-escapes and drops a trailing slash). */
function decodedPath(pathname: string): string {
  let p = pathname;
  try {
    p = decodeURIComponent(pathname);
  } catch {
    /* a malformed escape: judge the raw path, sirv will not find it either */
  }
  return p.replace(/\/+$/, '');
}

/** Source maps carry the till's whole source: never served, even if a build left some behind. */
export const isSourceMap = (pathname: string) => /\.map$/i.test(decodedPath(pathname));

const identity = (s: fs.Stats) => `${s.dev}:${s.ino}`;

/**
 * The regular files really inside `dir`, walked without following symbolic links, as
 * device:inode. sirv follows links (its index is built with stat, and it reads the path it
 * found), so a link in the renderer folder to the shop's database, or to a folder
 * elsewhere, would be served; checking what sirv is about to send against this set
 * refuses anything reached through a link out of the folder, whatever the URL.
 */
function realFiles(dir: string): Set<string> {
  const found = new Set<string>();
  const walk = (folder: string) => {
    for (const entry of fs.readdirSync(folder, { withFileTypes: true })) {
      const abs = path.join(folder, entry.name);
      if (entry.isDirectory()) walk(abs);
      else if (entry.isFile() && !isSourceMap(entry.name)) found.add(identity(fs.lstatSync(abs)));
    }
  };
  walk(dir);
  return found;
}

/** Thrown from sirv's setHeaders, which it calls synchronously just before it sends a file. */
class Refused extends Error {}

/**
 * The built renderer through sirv (index built once at start, unknown paths fall back to
 * index.html for client-side routes), refusing source maps and links out of the folder:
 * those go to `next` (the host answers 404).
 */
export function staticFiles(dir: string, setHeaders: (res: http.ServerResponse) => void): Handler {
  const servable = realFiles(path.resolve(dir));
  const assets = sirv(dir, {
    single: true,
    etag: true,
    setHeaders(res, _pathname, stats) {
      if (!servable.has(identity(stats))) throw new Refused();
      setHeaders(res);
    },
  });
  return (req, res, next) => {
    if (isSourceMap(new URL(req.url ?? '/', 'http://localhost').pathname)) return next();
    try {
      assets(req, res, next);
    } catch (e) {
      if (!(e instanceof Refused)) throw e;
      next();
    }
  };
}
