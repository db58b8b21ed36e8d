import fs from 'node:fs';
import path from 'node:path';
import { resourcePath } from '../lib/resources.js';

const TYPES: Record<string, string> = { '.png': 'image/png', '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg', '.webp': 'image/webp', '.gif': 'image/gif', '.svg': 'image/svg+xml' };
/** Enough for a slideshow; a folder of 500 photos is not read whole. */
export const MAX_PICTURES = 12;
/** Larger files are skipped: a display picture needs no 20 MB camera original. */
export const MAX_PICTURE_BYTES = 3 * 1024 * 1024;

export interface Picture {
  name: string;
  dataUrl: string;
}

/** One image as a data: URL (the CSP allows img-src data:, and the page needs no file access), or null. */
export function readPicture(file: string): Picture | null {
  const type = TYPES[path.extname(file).toLowerCase()];
  if (!type) return null;
  try {
    const st = fs.statSync(file);
    if (!st.isFile() || st.size === 0 || st.size > MAX_PICTURE_BYTES) return null;
    return { name: path.basename(file), dataUrl: `data:${type};base64,${fs.readFileSync(file).toString('base64')}` };
  } catch {
    return null;
  }
}

/**
 * The idle screen's pictures: the images in the owner's folder (sorted by name, so the owner
 * orders them with 01-, 02-…), or the demo pictures in resources/display when none is set. A
 * folder that is gone or holds no image gives the demo pictures too, never an empty screen.
 */
export function readPictures(dir: string | null): Picture[] {
  const fromDir = (d: string) => {
    try {
      return fs.readdirSync(d).filter((f) => TYPES[path.extname(f).toLowerCase()]).sort().slice(0, MAX_PICTURES * 2)
        .map((f) => readPicture(path.join(d, f))).filter((p): p is Picture => p !== null).slice(0, MAX_PICTURES);
    } catch {
      return [];
    }
  };
  const own = dir ? fromDir(dir) : [];
  if (own.length > 0) return own;
  const demo = resourcePath('display');
  return demo ? fromDir(demo) : [];
}
