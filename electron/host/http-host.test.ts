import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { startHost, type RunningHost } from './http-host.js';
import { testCore } from '../../tests/helpers/core.js';
import { makeTempDir } from '../../tests/helpers/temp-dir.js';

/** Raw HTTP so the test controls every header (fetch forbids setting Host and Origin). */
function request(port: number, opts: { method?: string; path?: string; headers?: Record<string, string>; body?: string }) {
  return new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }>((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, method: opts.method ?? 'GET', path: opts.path ?? '/', headers: opts.headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    if (opts.body) req.write(opts.body);
    req.end();
  });
}

describe('browser host', () => {
  const core = testCore();
  const web = makeTempDir();
  let host: RunningHost;
  let good: Record<string, string>;
  const status = JSON.stringify({ method: 'shop.status', input: {} });

  beforeAll(async () => {
    fs.writeFileSync(path.join(web.dir, 'index.html'), '<!doctype html><title>pos</title>');
    fs.mkdirSync(path.join(web.dir, 'assets'));
    fs.writeFileSync(path.join(web.dir, 'assets', 'app.js'), 'console.log(1)');
    // A source map left in the folder (an old build, a build with POS_SOURCEMAP=1) is never served.
    fs.writeFileSync(path.join(web.dir, 'assets', 'app.js.map'), '{"version":3,"sources":["till.tsx"]}');
    host = await startHost({ dispatcher: core.dispatcher, events: core.events, staticDir: web.dir, secret: 's3cret-for-test' });
    good = { host: `127.0.0.1:${host.port}`, 'content-type': 'application/json', 'x-pos-secret': 's3cret-for-test' };
  });
  afterAll(async () => {
    await host.close();
    await core.dispose();
    web.cleanup();
  });

  it('prints an address that carries the secret in the fragment only', () => {
    expect(host.url).toBe(`http://127.0.0.1:${host.port}/`);
    expect(host.openUrl).toBe(`http://127.0.0.1:${host.port}/#k=s3cret-for-test`);
  });

  it('answers a contract call with the secret', async () => {
    const r = await request(host.port, { method: 'POST', path: '/api/invoke', headers: good, body: status });
    expect(r.status).toBe(200);
    expect(JSON.parse(r.body)).toMatchObject({ ok: true, value: { setUp: false } });
    expect(r.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('refuses a request without the secret or with a wrong one', async () => {
    const { 'x-pos-secret': _omit, ...noSecret } = good;
    for (const headers of [noSecret, { ...good, 'x-pos-secret': 'wrong' }, { ...good, 'x-pos-secret': 's3cret-for-tesT' }]) {
      const r = await request(host.port, { method: 'POST', path: '/api/invoke', headers, body: status });
      expect(r.status).toBe(401);
      expect(JSON.parse(r.body)).toMatchObject({ ok: false, error: { code: 'forbidden', details: { reason: 'secret' } } });
    }
  });

  it('refuses a foreign Host header (DNS rebinding), even with the secret', async () => {
    for (const h of ['evil.example', `evil.example:${host.port}`, '127.0.0.1:1']) {
      const r = await request(host.port, { method: 'POST', path: '/api/invoke', headers: { ...good, host: h }, body: status });
      expect(r.status).toBe(421);
    }
    const page = await request(host.port, { headers: { host: 'evil.example' } });
    expect(page.status).toBe(421);
  });

  it('refuses a foreign Origin, even with the secret', async () => {
    const r = await request(host.port, { method: 'POST', path: '/api/invoke', headers: { ...good, origin: 'http://evil.example' }, body: status });
    expect(r.status).toBe(403);
    const same = await request(host.port, { method: 'POST', path: '/api/invoke', headers: { ...good, origin: `http://127.0.0.1:${host.port}` }, body: status });
    expect(same.status).toBe(200);
  });

  it('accepts JSON bodies only and answers malformed JSON with a typed error', async () => {
    const form = await request(host.port, { method: 'POST', path: '/api/invoke', headers: { ...good, 'content-type': 'text/plain' }, body: status });
    expect(form.status).toBe(415);
    const broken = await request(host.port, { method: 'POST', path: '/api/invoke', headers: good, body: '{"method":' });
    expect(broken.status).toBe(400);
    expect(JSON.parse(broken.body)).toMatchObject({ ok: false, error: { code: 'bad_input' } });
    const arr = await request(host.port, { method: 'POST', path: '/api/invoke', headers: good, body: '[1,2]' });
    expect(JSON.parse(arr.body)).toMatchObject({ ok: false, error: { code: 'bad_input' } });
  });

  it('accepts application/json in any case, with any parameters', async () => {
    for (const type of ['application/json', 'Application/JSON', 'application/json; charset=utf-8', 'APPLICATION/JSON;CHARSET=UTF-8', 'application/json; charset="utf-8"', 'application/json ;charset=utf-8', 'application/json;']) {
      const r = await request(host.port, { method: 'POST', path: '/api/invoke', headers: { ...good, 'content-type': type }, body: status });
      expect(r.status, type).toBe(200);
    }
  });

  it('refuses any other, missing or malformed media type with a typed error', async () => {
    const { 'content-type': _omit, ...noType } = good;
    const cases: Record<string, string>[] = [
      noType,
      ...['application/jsonp', 'application/json-seq', 'application/vnd.api+json', 'text/plain', 'text/json', 'application/json, text/plain', 'application/json; ch@rset=utf-8', 'application/json; =utf-8', 'application/', '/json', 'json', ''].map((t) => ({ ...good, 'content-type': t })),
    ];
    for (const headers of cases) {
      const r = await request(host.port, { method: 'POST', path: '/api/invoke', headers, body: status });
      expect(r.status, headers['content-type']).toBe(415);
      expect(JSON.parse(r.body)).toMatchObject({ ok: false, error: { code: 'bad_input', details: { reason: 'content-type' } } });
    }
  });

  it('serves the page with a strict CSP', async () => {
    const r = await request(host.port, { headers: { host: `localhost:${host.port}` } });
    expect(r.status).toBe(200);
    expect(r.body).toContain('<title>pos</title>');
    expect(r.headers['content-security-policy']).toContain("script-src 'self'");
    expect(r.headers['content-security-policy']).toContain("frame-ancestors 'none'");
  });

  /** Opens the event stream at `p`; resolves with the status, and with the first event pushed once connected. */
  function openStream(p: string) {
    return new Promise<{ status: number; event?: unknown }>((resolve, reject) => {
      const req = http.get({ host: '127.0.0.1', port: host.port, path: p, headers: { host: `127.0.0.1:${host.port}` } }, (res) => {
        if (res.statusCode !== 200) {
          res.resume();
          return resolve({ status: res.statusCode ?? 0 });
        }
        expect(res.headers['content-type']).toContain('text/event-stream');
        let buf = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => {
          buf += c;
          if (buf.includes('connected')) core.events.publish({ type: 'scanner.code', code: '6901234567892' });
          const m = /data: (.*)\n\n/.exec(buf);
          if (m) {
            resolve({ status: 200, event: JSON.parse(m[1]!) });
            req.destroy();
          }
        });
      });
      req.on('error', reject);
    });
  }
  const getTicket = async (headers: Record<string, string>) => {
    const r = await request(host.port, { method: 'POST', path: '/api/events-ticket', headers });
    return { status: r.status, ticket: r.status === 200 ? (JSON.parse(r.body) as { ticket: string }).ticket : undefined };
  };

  it('trades the secret for a single-use ticket that opens the event stream', async () => {
    const { 'x-pos-secret': _omit, ...noSecret } = good;
    expect((await getTicket(noSecret)).status).toBe(401);
    expect((await getTicket({ ...good, 'x-pos-secret': 'wrong' })).status).toBe(401);
    const { status, ticket } = await getTicket(good);
    expect(status).toBe(200);
    expect(ticket).toMatch(/^[\w-]{32,}$/);
    expect(ticket).not.toContain('s3cret-for-test');
    expect(await openStream(`/api/events?t=${ticket!}`)).toEqual({ status: 200, event: { type: 'scanner.code', code: '6901234567892' } });
    // Spent: the same ticket opens nothing the second time.
    expect((await openStream(`/api/events?t=${ticket!}`)).status).toBe(401);
    // Every ticket is new.
    const second = await getTicket(good);
    expect(second.ticket).not.toBe(ticket);
  });

  it('no longer takes the secret in the event stream\'s address, nor a made-up ticket', async () => {
    for (const p of ['/api/events?k=s3cret-for-test', '/api/events', '/api/events?t=', '/api/events?t=wrong', '/api/events?t=s3cret-for-test']) {
      const r = await openStream(p);
      expect(r.status, p).toBe(401);
    }
  });

  it('lets a ticket expire unused after 30 seconds', async () => {
    const { ticket } = await getTicket(good);
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      vi.setSystemTime(Date.now() + 31_000);
      expect((await openStream(`/api/events?t=${ticket!}`)).status).toBe(401);
    } finally {
      vi.useRealTimers();
    }
    const fresh = await getTicket(good);
    expect((await openStream(`/api/events?t=${fresh.ticket!}`)).status).toBe(200);
  });

  it('never serves a source map, however the path is spelled', async () => {
    const js = await request(host.port, { path: '/assets/app.js', headers: { host: `127.0.0.1:${host.port}` } });
    expect(js.status).toBe(200);
    for (const p of ['/assets/app.js.map', '/assets/app.js.ma%70', '/assets/app.js.map/', '/assets/app.js.map?x=1', '/assets/missing.js.MAP']) {
      const r = await request(host.port, { path: p, headers: { host: `127.0.0.1:${host.port}` } });
      expect(r.status, p).toBe(404);
      expect(r.body, p).not.toContain('till.tsx');
    }
  });

  it('is bound to the loopback address only', () => {
    // Checked on the socket itself; the test sends no traffic to any non-loopback address.
    expect(host.address).toBe('127.0.0.1');
  });
});

describe('browser host static files', () => {
  const core = testCore();
  const web = makeTempDir();
  const outside = makeTempDir();
  let host: RunningHost;
  const get = (p: string) => request(host.port, { path: p, headers: { host: `127.0.0.1:${host.port}` } });

  beforeAll(async () => {
    fs.writeFileSync(path.join(outside.dir, 'shop.sqlite'), 'SECRET-SHOP-DATA');
    fs.mkdirSync(path.join(outside.dir, 'private'));
    fs.writeFileSync(path.join(outside.dir, 'private', 'notes.txt'), 'SECRET-NOTES');
    fs.writeFileSync(path.join(web.dir, 'index.html'), '<!doctype html><title>pos</title>');
    fs.mkdirSync(path.join(web.dir, 'assets'));
    fs.writeFileSync(path.join(web.dir, 'assets', 'app.js'), 'console.log(1)');
    // Links out of the renderer folder: to a file, and to a whole folder.
    fs.symlinkSync(path.join(outside.dir, 'shop.sqlite'), path.join(web.dir, 'assets', 'shop.js'));
    fs.symlinkSync(path.join(outside.dir, 'private'), path.join(web.dir, 'linked'));
    host = await startHost({ dispatcher: core.dispatcher, staticDir: web.dir, secret: 's' });
  });
  afterAll(async () => {
    await host.close();
    await core.dispose();
    web.cleanup();
    outside.cleanup();
  });

  it('serves the files in the renderer folder', async () => {
    const r = await get('/assets/app.js');
    expect(r.status).toBe(200);
    expect(r.body).toBe('console.log(1)');
  });

  it('follows no symbolic link out of the folder', async () => {
    for (const p of ['/assets/shop.js', '/assets/shop%2ejs', '/linked/notes.txt', '/linked/notes.txt/']) {
      const r = await get(p);
      expect(r.status, p).toBe(404);
      expect(r.body, p).not.toMatch(/SECRET/);
    }
  });
});
