import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';
import type { HandlerDetails, Session, WebContents, WindowOpenHandlerResponse } from 'electron';
import { CONTENT_SECURITY_POLICY } from '../../shared/csp.js';
import { isAppUrl } from './app-origin.js';
import {
  appResponseHeaders,
  blockForeignRequests,
  denyAllPermissions,
  hardenWebContents,
  isAllowedExternalUrl,
  isAllowedRequestUrl,
} from './security.js';

vi.mock('electron', () => {
  throw new Error('security.ts must not load electron at runtime');
});

/** A webContents stand-in: an EventEmitter plus the window-open hook. */
class FakeContents extends EventEmitter {
  openHandler: ((details: HandlerDetails) => WindowOpenHandlerResponse) | null = null;
  setWindowOpenHandler(handler: (details: HandlerDetails) => WindowOpenHandlerResponse): void {
    this.openHandler = handler;
  }
  /** Emits a navigation-style event the way Electron 45 does: details first, legacy url second. */
  navigate(kind: 'will-navigate' | 'will-redirect' | 'will-frame-navigate', url: string, legacyOnly = false): boolean {
    const event = { url: legacyOnly ? undefined : url, preventDefault: vi.fn() };
    this.emit(kind, event, url);
    return event.preventDefault.mock.calls.length > 0;
  }
  open(url: string): WindowOpenHandlerResponse {
    return this.openHandler!({ url } as HandlerDetails);
  }
}

function harden(allowList?: readonly string[]) {
  const contents = new FakeContents();
  const openExternal = vi.fn((_url: string) => Promise.resolve());
  hardenWebContents(contents as unknown as WebContents, {
    openExternal,
    log: () => undefined,
    ...(allowList ? { allowList } : {}),
  });
  return { contents, openExternal };
}

describe('isAppUrl', () => {
  it('accepts only app://pos', () => {
    expect(isAppUrl('app://pos/index.html')).toBe(true);
    expect(isAppUrl('app://pos/assets/x.js?v=1#frag')).toBe(true);
    for (const url of ['app://pos.evil/', 'app://evil/', 'app://u:p@pos/', 'app://pos:8080/', 'https://pos/', 'file:///pos/index.html', 'pos', '', 'javascript:alert(1)']) {
      expect(isAppUrl(url), url).toBe(false);
    }
    expect(isAppUrl(undefined)).toBe(false);
  });
});

describe('navigation', () => {
  it.each(['will-navigate', 'will-redirect', 'will-frame-navigate'] as const)('%s: foreign targets are prevented, app targets allowed', (kind) => {
    const { contents } = harden();
    expect(contents.navigate(kind, 'https://evil.example/phish')).toBe(true);
    expect(contents.navigate(kind, 'file:///etc/passwd')).toBe(true);
    expect(contents.navigate(kind, 'app://evil/index.html')).toBe(true);
    expect(contents.navigate(kind, 'javascript:alert(1)')).toBe(true);
    expect(contents.navigate(kind, 'app://pos/index.html')).toBe(false);
  });

  it('reads the legacy url argument when the details carry none', () => {
    const { contents } = harden();
    expect(contents.navigate('will-navigate', 'https://evil.example/', true)).toBe(true);
    expect(contents.navigate('will-navigate', 'app://pos/', true)).toBe(false);
  });

  it('refuses to attach a <webview>', () => {
    const { contents } = harden();
    const event = { preventDefault: vi.fn() };
    contents.emit('will-attach-webview', event, {}, { src: 'https://evil.example/' });
    expect(event.preventDefault).toHaveBeenCalled();
  });
});

describe('window.open', () => {
  it('is denied for every URL; nothing opens with the default (empty) allow-list', () => {
    const { contents, openExternal } = harden();
    for (const url of ['https://example.com/', 'app://pos/index.html', 'file:///etc/passwd', 'mailto:a@b.c']) {
      expect(contents.open(url)).toEqual({ action: 'deny' });
    }
    expect(openExternal).not.toHaveBeenCalled();
  });

  it('opens only allow-listed http(s) origins in the system browser, still denying the window', () => {
    const { contents, openExternal } = harden(['https://help.counterpos.example']);
    expect(contents.open('https://help.counterpos.example/guide')).toEqual({ action: 'deny' });
    expect(contents.open('https://help.counterpos.example.evil.example/')).toEqual({ action: 'deny' });
    expect(contents.open('http://help.counterpos.example/')).toEqual({ action: 'deny' });
    expect(openExternal.mock.calls).toEqual([['https://help.counterpos.example/guide']]);
  });

  it('isAllowedExternalUrl rejects credentials, other schemes and look-alikes', () => {
    const list = ['https://help.counterpos.example'];
    expect(isAllowedExternalUrl('https://help.counterpos.example/a', list)).toBe(true);
    expect(isAllowedExternalUrl('https://user:pw@help.counterpos.example/a', list)).toBe(false);
    expect(isAllowedExternalUrl('file://help.counterpos.example/a', list)).toBe(false);
    expect(isAllowedExternalUrl('not a url', list)).toBe(false);
    expect(isAllowedExternalUrl('https://help.counterpos.example/a')).toBe(false);
  });
});

describe('permissions', () => {
  it('denies every permission request, check and device', () => {
    let request: Parameters<Session['setPermissionRequestHandler']>[0] = null;
    let check: Parameters<Session['setPermissionCheckHandler']>[0] = null;
    let device: Parameters<Session['setDevicePermissionHandler']>[0] = null;
    const session = {
      setPermissionRequestHandler: (h: typeof request) => void (request = h),
      setPermissionCheckHandler: (h: typeof check) => void (check = h),
      setDevicePermissionHandler: (h: typeof device) => void (device = h),
    } as unknown as Session;
    denyAllPermissions(session, () => undefined);

    for (const permission of ['media', 'geolocation', 'notifications', 'serial', 'clipboard-read', 'openExternal'] as const) {
      const callback = vi.fn();
      request!({} as WebContents, permission, callback, {} as never);
      expect(callback).toHaveBeenCalledWith(false);
      expect(check!(null, permission, 'app://pos', {} as never)).toBe(false);
    }
    expect(device!({} as never)).toBe(false);
  });
});

describe('requests', () => {
  it('cancels everything that is not the app, inline data or DevTools', () => {
    expect(isAllowedRequestUrl('app://pos/assets/index.js')).toBe(true);
    expect(isAllowedRequestUrl('data:image/png;base64,AAAA')).toBe(true);
    expect(isAllowedRequestUrl('blob:app://pos/1234')).toBe(true);
    for (const url of ['https://cdn.example/x.js', 'http://127.0.0.1:8080/api', 'ws://evil.example/', 'file:///etc/passwd', 'app://evil/x.js', 'ftp://x/']) {
      expect(isAllowedRequestUrl(url), url).toBe(false);
    }
  });

  it('installs an onBeforeRequest filter on all URLs that applies the rule', () => {
    let listener: ((details: { url: string }, callback: (r: { cancel: boolean }) => void) => void) | null = null;
    let filter: unknown = null;
    const session = {
      webRequest: {
        onBeforeRequest: (f: unknown, l: typeof listener) => {
          filter = f;
          listener = l;
        },
      },
    } as unknown as Session;
    blockForeignRequests(session, () => undefined);
    expect(filter).toEqual({ urls: ['<all_urls>'] });
    const answer = (url: string) => {
      const callback = vi.fn();
      listener!({ url }, callback);
      return callback.mock.calls[0]![0];
    };
    expect(answer('https://evil.example/beacon')).toEqual({ cancel: true });
    expect(answer('app://pos/index.html')).toEqual({ cancel: false });
  });
});

describe('response headers', () => {
  it('carry the shared CSP and no-sniff on every app response', () => {
    const headers = appResponseHeaders('text/html; charset=utf-8');
    expect(headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(headers['x-content-type-options']).toBe('nosniff');
    expect(headers['content-type']).toBe('text/html; charset=utf-8');
  });
});
