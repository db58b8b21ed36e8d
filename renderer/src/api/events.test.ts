// @vitest-environment jsdom
import { describe, expect, it, vi } from 'vitest';
import { asPosEvent } from './events.js';
import { EVENTS_PATH, eventStream, httpTransport } from './transport.js';

class FakeSource {
  static instances: FakeSource[] = [];
  onmessage: ((m: MessageEvent) => void) | null = null;
  closed = false;
  constructor(readonly url: string) {
    FakeSource.instances.push(this);
  }
  close() {
    this.closed = true;
  }
  emit(data: unknown) {
    this.onmessage?.(new MessageEvent('message', { data: typeof data === 'string' ? data : JSON.stringify(data) }));
  }
}
const Source = FakeSource as unknown as typeof EventSource;

describe('browser host event stream', () => {
  it('opens one EventSource with the secret on the first subscription and routes events by type', () => {
    FakeSource.instances = [];
    const s = eventStream('se/cret', Source);
    const scans = vi.fn();
    const jobs = vi.fn();
    const offScan = s.on('scanner.code', scans);
    const offJob = s.on('print.job', jobs);
    expect(FakeSource.instances).toHaveLength(1);
    const src = FakeSource.instances[0]!;
    expect(src.url).toBe(`${EVENTS_PATH}?k=se%2Fcret`);
    src.emit({ type: 'scanner.code', code: '6901234567892' });
    src.emit({ type: 'print.job', job: { id: 1, status: 'done' } });
    src.emit('not json');
    src.emit({ nope: 1 });
    expect(scans).toHaveBeenCalledWith({ type: 'scanner.code', code: '6901234567892' });
    expect(jobs).toHaveBeenCalledTimes(1);
    offScan();
    offScan();
    expect(src.closed).toBe(false);
    offJob();
    expect(src.closed).toBe(true);
    s.on('scanner.code', scans);
    expect(FakeSource.instances).toHaveLength(2);
  });

  it('is a quiet no-op where EventSource is missing', () => {
    const t = httpTransport('s', { fetch: vi.fn() as unknown as typeof fetch, storage: undefined });
    const off = t.on('print.job', () => undefined);
    expect(() => off()).not.toThrow();
  });
});

describe('asPosEvent', () => {
  it('accepts well-formed events of the asked type only', () => {
    expect(asPosEvent('scanner.code', { type: 'scanner.code', code: '123' })).toEqual({ type: 'scanner.code', code: '123' });
    expect(asPosEvent('scanner.code', { type: 'scanner.code', code: '' })).toBeNull();
    expect(asPosEvent('scanner.code', { type: 'print.job', code: '1' })).toBeNull();
    expect(asPosEvent('print.job', { type: 'print.job', job: { id: 3, status: 'failed' } })).not.toBeNull();
    expect(asPosEvent('print.job', { type: 'print.job', job: null })).toBeNull();
    expect(asPosEvent('devices.status', { type: 'devices.status', printer: 'ready', scanner: 'offline' })).not.toBeNull();
    expect(asPosEvent('devices.status', 'devices.status')).toBeNull();
  });
});
