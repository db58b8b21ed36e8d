import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { WeightReading } from '../../shared/scale/weight-string.js';
import { closeEnd as close, hasSocat, openEnd, startPtyPair as ptyPair, writeTo as write } from '../../tests/helpers/pty-pair.js';
import { SerialScale } from './serial-scale.js';

/** The serial scale through a socat pseudo-terminal pair: our end is the till, the other end plays the scale. */
const title = hasSocat ? 'the serial scale over a socat pty pair' : 'the serial scale over a socat pty pair (SKIPPED: socat is not on PATH; apt-get install socat)';

/** Waits until `pred` holds for a reading the scale reported. */
function until(scale: SerialScale, pred: (r: WeightReading | null) => boolean, ms = 3000): Promise<WeightReading | null> {
  return new Promise((resolve, reject) => {
    const now = scale.reading();
    if (now && pred(now)) return resolve(now);
    const timer = setTimeout(() => { off(); reject(new Error('no such reading in time')); }, ms);
    const off = scale.onReading((r) => { if (pred(r)) { clearTimeout(timer); off(); resolve(r); } });
  });
}

describe.skipIf(!hasSocat)(title, () => {
  let dir = '';
  const cleanup: Array<() => Promise<unknown>> = [];
  beforeEach(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pos-scale-')); });
  afterEach(async () => {
    for (const fn of cleanup.splice(0).reverse()) await fn();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('follows a continuous scale: unstable while the goods settle, then stable; net after its tare; overload', async () => {
    const pair = await ptyPair(dir);
    cleanup.push(() => pair.stop());
    const scale = new SerialScale({ path: pair.a, protocol: 'continuous' });
    cleanup.push(() => scale.close());
    await scale.start();
    expect(scale.state).toBe('ready');
    const far = await openEnd(pair.b);
    cleanup.push(() => close(far));
    await write(far, 'US,GS,+0001.180kg\r\n');
    expect(await until(scale, (r) => r?.grams === 1180)).toEqual({ grams: 1180, stable: false, net: false, overload: false });
    await write(far, 'ST,GS,+0001.250kg\r\nST,GS,+0001.250kg\r\n');
    expect(await until(scale, (r) => r?.stable === true)).toEqual({ grams: 1250, stable: true, net: false, overload: false });
    await write(far, 'noise\r\nST,NT,+0000.750kg\r\n');
    expect(await until(scale, (r) => r?.net === true)).toMatchObject({ grams: 750, stable: true });
    await write(far, 'OL,GS,+9999.999kg\r\n');
    expect(await until(scale, (r) => r?.overload === true)).toMatchObject({ overload: true, stable: false });
  });

  it('asks a poll-and-answer (MT-SICS) scale and reads its answers', async () => {
    const pair = await ptyPair(dir);
    cleanup.push(() => pair.stop());
    const far = await openEnd(pair.b);
    cleanup.push(() => close(far));
    // The far end plays the scale: each SI gets the weight of the moment.
    let weight = 'S D      0.400 kg';
    let asked = 0;
    let buf = '';
    far.on('data', (chunk: Buffer) => {
      buf += chunk.toString();
      while (buf.includes('\r\n')) {
        const cmd = buf.slice(0, buf.indexOf('\r\n'));
        buf = buf.slice(buf.indexOf('\r\n') + 2);
        if (cmd === 'SI') { asked++; far.write(`${weight}\r\n`); }
      }
    });
    const scale = new SerialScale({ path: pair.a, protocol: 'sics', pollMs: 50 });
    cleanup.push(() => scale.close());
    await scale.start();
    expect(await until(scale, (r) => r?.grams === 400)).toMatchObject({ stable: false });
    weight = 'S S      0.420 kg';
    expect(await until(scale, (r) => r?.stable === true)).toEqual({ grams: 420, stable: true, net: false, overload: false });
    expect(asked).toBeGreaterThanOrEqual(2);
  });

  it('says offline and forgets the weight when the cable goes, and comes back', async () => {
    const pair = await ptyPair(dir);
    const scale = new SerialScale({ path: pair.a, protocol: 'continuous', retryMs: 50, maxRetryMs: 100 });
    cleanup.push(() => scale.close());
    await scale.start();
    let far = await openEnd(pair.b);
    await write(far, 'ST,GS,+0000.250kg\r\n');
    await until(scale, (r) => r?.grams === 250);
    await close(far);
    await pair.stop();
    await vi.waitFor(() => expect(scale.state).toBe('offline'));
    expect(scale.reading()).toBeNull();
    const again = await ptyPair(dir);
    cleanup.push(() => again.stop());
    await vi.waitFor(() => expect(scale.state).toBe('ready'), { timeout: 5000 });
    far = await openEnd(again.b);
    cleanup.push(() => close(far));
    await write(far, 'ST,GS,+0000.300kg\r\n');
    expect(await until(scale, (r) => r?.grams === 300)).toMatchObject({ stable: true });
  });
});
