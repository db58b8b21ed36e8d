import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DisplayState } from '../../shared/display/state.js';
import { poleFrame } from '../../shared/display/pole.js';
import { decodePole, splitFrames } from '../../tests/helpers/pole-decode.js';
import { hasSocat, readEnd, startPtyPair } from '../../tests/helpers/pty-pair.js';
import { shopWithOwner, testCore } from '../../tests/helpers/core.js';
import { encodePoleFrame } from './pole-display.js';

const cart = (lines: Array<[string, number, number]>): DisplayState => ({
  stage: 'cart',
  cart: {
    lines: lines.map(([name, qty, unit]) => ({ name, qty, unitPriceFen: unit, listFen: qty * unit, discountFen: 0, totalFen: qty * unit, measure: null, countCard: false })),
    promotions: [], itemCount: lines.reduce((n, l) => n + l[1], 0),
    subtotalFen: lines.reduce((n, l) => n + l[1] * l[2], 0), discountFen: 0, couponFen: 0, pointsDeductionFen: 0,
    totalFen: lines.reduce((n, l) => n + l[1] * l[2], 0), member: null, pointsToEarn: 0, pointsAfter: null,
  },
});

describe('encodePoleFrame (CD5220 / ESC-POS display commands)', () => {
  it('led8: reset, the lamp, the amount on line A', () => {
    const bytes = encodePoleFrame('led8', { lamp: 'change', amountFen: 2220, line1: '', line2: '' });
    expect([...bytes]).toEqual([0x1b, 0x40, 0x1b, 0x73, 0x34, 0x1b, 0x51, 0x41, ...Buffer.from('22.20'), 0x0d]);
  });
  it('vfd: reset, clear, two lines of at most 20 ASCII columns (anything else becomes ?)', () => {
    const d = decodePole(encodePoleFrame('vfd', { lamp: 'price', amountFen: 1, line1: 'PRICE 可乐 12345678901234567890', line2: 'TOTAL' }));
    expect(d).toMatchObject({ line1: 'PRICE ?? 12345678901', line2: 'TOTAL', unknown: [] });
  });
});

const title = hasSocat ? 'pole display over a socat pty pair' : 'pole display over a socat pty pair (SKIPPED: socat is not on PATH; apt-get install socat)';

describe.skipIf(!hasSocat)(title, () => {
  let dir = '';
  const cleanup: Array<() => Promise<unknown>> = [];
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pos-pole-'));
  });
  afterEach(async () => {
    for (const fn of cleanup.splice(0).reverse()) await fn();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('follows a sale from the till: the scanned price (单价), the total (合计), received and change (找零)', async () => {
    const pair = await startPtyPair(dir);
    cleanup.push(() => pair.stop());
    const pole = await readEnd(pair.a);
    cleanup.push(() => pole.close());
    const core = testCore();
    cleanup.push(() => core.dispose());
    const { token } = await shopWithOwner(core);
    const set = await core.dispatcher.call('counter.setSettings', { pole: { kind: 'led8', path: pair.b, baudRate: 9600 } }, token);
    expect(set.ok).toBe(true);

    const shown = async (state: DisplayState) => {
      pole.clear();
      expect((await core.dispatcher.call('display.show', state, token)).ok).toBe(true);
      const bytes = await pole.until((b) => b.length > 0 && b.at(-1) === 0x0d);
      return decodePole(bytes);
    };
    expect(await shown(cart([['农夫山泉', 2, 200]]))).toMatchObject({ lamp: 'price', line1: '2.00', unknown: [] });
    expect(await shown(cart([['农夫山泉', 2, 200], ['大白兔奶糖', 1, 1290]]))).toMatchObject({ lamp: 'price', line1: '12.90' });
    const paying = cart([['农夫山泉', 2, 200], ['大白兔奶糖', 1, 1290]]);
    expect(await shown({ stage: 'paying', cart: paying.stage === 'cart' ? paying.cart : (null as never), offer: null })).toMatchObject({ lamp: 'total', line1: '16.90' });
    // Paid with change: the amount received (收款) first, a moment later the change (找零), which stays.
    pole.clear();
    await core.dispatcher.call('display.show', { stage: 'paid', paid: { totalFen: 1690, receivedFen: 2000, changeFen: 310, pointsEarned: 0, member: null } }, token);
    const both = splitFrames(await pole.until((b) => splitFrames(b).length === 2 && b.at(-1) === 0x0d, 5000)).map(decodePole);
    expect(both).toMatchObject([{ lamp: 'collect', line1: '20.00' }, { lamp: 'change', line1: '3.10' }]);
    expect(await shown({ stage: 'paid', paid: { totalFen: 1690, receivedFen: 1690, changeFen: 0, pointsEarned: 0, member: null } })).toMatchObject({ lamp: 'collect', line1: '16.90' });

    // Frames in quick succession, and a settings change among them, never open the port twice.
    pole.clear();
    await Promise.all([
      core.dispatcher.call('display.show', cart([['可乐', 1, 100]]), token),
      core.dispatcher.call('counter.setSettings', { pole: { kind: 'led8', path: pair.b, baudRate: 9600 } }, token),
      core.dispatcher.call('display.show', cart([['可乐', 1, 200]]), token),
      core.dispatcher.call('devices.testPole', {}, token).then((r) => expect(r.ok && r.value.pole).toBe('ready')),
      core.dispatcher.call('display.show', cart([['可乐', 1, 300]]), token),
    ]);
    await expect.poll(() => decodePole(splitFrames(pole.received()).at(-1) ?? new Uint8Array()).line1).toBe('3.00');

    // The test button shows a pattern and reports the display's state.
    pole.clear();
    const tested = await core.dispatcher.call('devices.testPole', {}, token);
    expect(tested.ok && tested.value.pole).toBe('ready');
    expect(decodePole(await pole.until((b) => b.at(-1) === 0x0d))).toMatchObject({ lamp: 'total', line1: '8.88' });
  });

  it('a 2×20 VFD shows both lines; an unplugged display comes back when plugged in again', async () => {
    let pair = await startPtyPair(dir);
    const first = pair;
    cleanup.push(() => first.stop());
    let pole = await readEnd(pair.a);
    const firstEnd = pole;
    cleanup.push(() => firstEnd.close());
    const core = testCore();
    cleanup.push(() => core.dispose());
    const { token } = await shopWithOwner(core);
    await core.dispatcher.call('counter.setSettings', { pole: { kind: 'vfd', path: pair.b, baudRate: 9600 } }, token);

    const state = cart([['可乐', 1, 350]]);
    await core.dispatcher.call('display.show', state, token);
    const frames = splitFrames(await pole.until((b) => splitFrames(b).length >= 1 && b.at(-1) === 0x0d && decodePole(b).line2 !== ''));
    expect(decodePole(frames.at(-1)!)).toMatchObject({ line1: poleFrame(state).line1, line2: 'TOTAL           3.50', unknown: [] });

    // Unplugged: the frame fails (the till goes on), then the same path returns.
    await pole.close();
    await pair.stop();
    expect((await core.dispatcher.call('display.show', cart([['可乐', 2, 350]]), token)).ok).toBe(true);
    const gone = await core.dispatcher.call('devices.testPole', {}, token);
    expect(gone.ok && gone.value.pole).toBe('offline');
    pair = await startPtyPair(dir);
    const second = pair;
    cleanup.push(() => second.stop());
    pole = await readEnd(pair.a);
    const secondEnd = pole;
    cleanup.push(() => secondEnd.close());
    await expect.poll(async () => {
      await core.dispatcher.call('display.show', cart([['可乐', 3, 350]]), token);
      await new Promise((r) => setTimeout(r, 100));
      return decodePole(splitFrames(pole.received()).at(-1) ?? new Uint8Array()).line2;
    }, { timeout: 5000 }).toBe('TOTAL          10.50');
  });
});
