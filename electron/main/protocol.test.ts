import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../shared/csp.js';
import { createAppProtocolHandler, resolveAppPath } from './protocol.js';

vi.mock('electron', () => {
  throw new Error('protocol.ts must not load electron at runtime');
});

// Created at load time: it.each below needs the path while collecting.
const base = fs.mkdtempSync(path.join(os.tmpdir(), 'pos-protocol-'));
const root = path.join(base, 'renderer');
let handle: (request: Request) => Promise<Response>;
const SECRET = 'TOP-SECRET-SHOP-BOOKS';

beforeAll(() => {
  fs.mkdirSync(path.join(root, 'assets'), { recursive: true });
  fs.writeFileSync(path.join(root, 'index.html'), '<!doctype html><title>Counter POS</title>');
  fs.writeFileSync(path.join(root, 'assets', 'index-abc.js'), 'console.log(1)');
  // Outside the root: beside it, and in a sibling whose name starts with the root's name
  // (a naive startsWith(root) check would let that one through).
  fs.writeFileSync(path.join(base, 'secret.txt'), SECRET);
  fs.mkdirSync(path.join(base, 'renderer-private'));
  fs.writeFileSync(path.join(base, 'renderer-private', 'secret.txt'), SECRET);
  handle = createAppProtocolHandler({ rootDir: root });
});

afterAll(() => fs.rmSync(base, { recursive: true, force: true }));

const get = (url: string, method = 'GET') => handle(new Request(url, { method }));

describe('app:// protocol handler', () => {
  it('serves the page and its assets with the CSP header and the right type', async () => {
    for (const url of ['app://pos/', 'app://pos/index.html']) {
      const res = await get(url);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(res.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
      expect(await res.text()).toContain('Counter POS');
    }
    const js = await get('app://pos/assets/index-abc.js');
    expect(js.status).toBe(200);
    expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(js.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it.each([
    'app://pos/..%2fsecret.txt',
    'app://pos/..%2F..%2Fsecret.txt',
    'app://pos/%2e%2e%2fsecret.txt',
    'app://pos/assets/..%2f..%2fsecret.txt',
    'app://pos/..%5csecret.txt',
    'app://pos/..%2frenderer-private%2fsecret.txt',
    'app://pos/%2e%2e/renderer-private/secret.txt',
    'app://pos/../secret.txt',
    'app://pos/%2F..%2Fsecret.txt',
    `app://pos/${encodeURIComponent(path.join(base, 'secret.txt'))}`,
    `app://pos/${encodeURIComponent('/' + path.join(base, 'secret.txt'))}`,
  ])('refuses path traversal: %s', async (url) => {
    const res = await get(url);
    expect(res.status).not.toBe(200);
    expect(await res.text()).not.toContain(SECRET);
  });

  it('answers 403 when the decoded path leaves the root, and 400 for broken encodings', () => {
    expect(resolveAppPath(root, 'app://pos/..%2fsecret.txt')).toEqual({ status: 403, reason: 'outside the app' });
    expect(resolveAppPath(root, 'app://pos/..%2frenderer-private%2fsecret.txt')).toMatchObject({ status: 403 });
    expect(resolveAppPath(root, 'app://pos/%E0%A4%A')).toMatchObject({ status: 400 });
    expect(resolveAppPath(root, 'app://pos/a%00.js')).toMatchObject({ status: 400 });
    expect(resolveAppPath(root, 'app://pos/assets/index-abc.js')).toEqual({ file: path.join(root, 'assets', 'index-abc.js') });
  });

  it('serves nothing for another host or scheme', async () => {
    expect((await get('app://evil/index.html')).status).toBe(404);
    expect((await get('app://pos.evil/index.html')).status).toBe(404);
    expect(resolveAppPath(root, 'https://pos/index.html')).toMatchObject({ status: 404 });
  });

  it('falls back to the page for client-side routes, not for missing files', async () => {
    const route = await get('app://pos/members/42');
    expect(route.status).toBe(200);
    expect(await route.text()).toContain('Counter POS');
    expect((await get('app://pos/assets/missing.js')).status).toBe(404);
  });

  it('answers HEAD without a body and refuses other methods', async () => {
    const head = await get('app://pos/index.html', 'HEAD');
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
    const post = await get('app://pos/index.html', 'POST');
    expect(post.status).toBe(405);
    expect(post.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
  });
});
