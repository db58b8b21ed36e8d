import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { PosEvent } from '../../../shared/events.js';
import type { DisplayState } from '../../../shared/display/state.js';
import { shopWithOwner, signedInAs, testCore } from '../../../tests/helpers/core.js';
import { makeTempDir } from '../../../tests/helpers/temp-dir.js';
import type { PathPickerPort, PoleDisplayPort, ScreensPort } from './ports.js';

const cores: Array<ReturnType<typeof testCore>> = [];
afterEach(async () => {
  for (const c of cores.splice(0)) await c.dispose();
});

const cartState = (totalFen: number): Extract<DisplayState, { stage: 'cart' }> => ({
  stage: 'cart',
  cart: {
    lines: [{ name: '大白兔奶糖', qty: 1, unitPriceFen: totalFen, listFen: totalFen, discountFen: 0, totalFen, measure: null, countCard: false }],
    promotions: [], itemCount: 1, subtotalFen: totalFen, discountFen: 0, couponFen: 0, pointsDeductionFen: 0, totalFen,
    member: { maskedName: '李*明', phoneTail: '5678', tier: '金卡会员', points: 100, storedValueFen: 0 }, pointsToEarn: 12, pointsAfter: 112,
  },
});

describe('customer display in the core', () => {
  it('numbers each state, pushes it on the event bus, and hands the current one to a display that (re)connects without signing in', async () => {
    const core = testCore();
    cores.push(core);
    const { token } = await shopWithOwner(core);
    const cashier = await signedInAs(core, token, 'cashier');
    const seen: PosEvent[] = [];
    core.events.subscribe((e) => seen.push(e));

    expect(await core.dispatcher.call('display.current', {})).toMatchObject({ ok: true, value: { seq: 0, state: { stage: 'idle' } } });
    const shown = await core.dispatcher.call('display.show', cartState(1290), cashier.token);
    expect(shown).toEqual({ ok: true, value: { seq: 1 } });
    expect(seen.filter((e) => e.type === 'display.state')).toEqual([{ type: 'display.state', epoch: expect.any(Number), seq: 1, state: cartState(1290) }]);
    const current = await core.dispatcher.call('display.current', {});
    expect(current.ok && current.value).toMatchObject({ seq: 1, state: cartState(1290) });
    // Nobody signed in may only read: showing needs a cashier's session.
    const anon = await core.dispatcher.call('display.show', cartState(1), null);
    expect(anon.ok).toBe(false);
  });

  it("refuses a state with anything the customer may not see, and shows nothing of it", async () => {
    const core = testCore();
    cores.push(core);
    const { token } = await shopWithOwner(core);
    const s = cartState(500);
    for (const bad of [
      { ...s, staffName: '王小明' },
      { ...s, cart: { ...s.cart, lines: [{ ...s.cart.lines[0], costFen: 300 }] } },
      { ...s, cart: { ...s.cart, member: { ...s.cart.member, phone: '13812345678' } } },
    ]) {
      const r = await core.dispatcher.call('display.show', bad as never, token);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error.code).toBe('bad_input');
    }
    const current = await core.dispatcher.call('display.current', {});
    expect(current.ok && current.value.seq).toBe(0);
  });

  it('adds the top-up offer at the payment step only when the owner turned it on, from the shop\'s own top-up lines', async () => {
    const core = testCore();
    cores.push(core);
    const { token } = await shopWithOwner(core);
    const rules = await core.dispatcher.call('storedValue.rules', {}, token);
    if (!rules.ok) throw new Error('rules');
    await core.dispatcher.call('storedValue.setRules', { ...rules.value, bonuses: [{ minFen: 50_000, bonusFen: 5_000 }] }, token);
    const paying: DisplayState = { stage: 'paying', cart: cartState(11_000).cart, offer: { topUpFen: 1, bonusFen: 1, saveFen: 99_999 } };
    await core.dispatcher.call('display.show', paying, token);
    let current = await core.dispatcher.call('display.current', {});
    expect(current.ok && current.value.state).toMatchObject({ stage: 'paying', offer: null }); // off by default; the till's own figure is never trusted

    const cashier = await signedInAs(core, token, 'cashier');
    expect((await core.dispatcher.call('counter.setSettings', { display: { topUpOffer: true } }, cashier.token)).ok).toBe(false); // managers and owners only
    expect((await core.dispatcher.call('counter.setSettings', { display: { topUpOffer: true } }, token)).ok).toBe(true);
    await core.dispatcher.call('display.show', paying, cashier.token);
    current = await core.dispatcher.call('display.current', {});
    expect(current.ok && current.value.state).toMatchObject({ stage: 'paying', offer: { topUpFen: 50_000, bonusFen: 5_000, saveFen: 1000 } });
  });

  it("serves the idle screen's pictures: the demo ones, then the owner's folder and 收款码", async () => {
    const core = testCore();
    cores.push(core);
    const { token } = await shopWithOwner(core);
    let media = await core.dispatcher.call('display.media', {});
    if (!media.ok) throw new Error('media');
    expect(media.value.pictures.map((p) => p.name)).toEqual(['01-welcome.svg', '02-member.svg', '03-topup.svg']);
    expect(media.value.pictures[0]!.dataUrl).toMatch(/^data:image\/svg\+xml;base64,/);
    expect(media.value.paymentCode).toBeNull();

    const tmp = makeTempDir();
    try {
      const png = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');
      fs.writeFileSync(path.join(tmp.dir, 'b.png'), png);
      fs.writeFileSync(path.join(tmp.dir, 'a.jpg'), Buffer.from([0xff, 0xd8, 0xff, 0xd9]));
      fs.writeFileSync(path.join(tmp.dir, 'notes.txt'), 'not a picture');
      fs.writeFileSync(path.join(tmp.dir, 'qr.png'), png);
      await core.dispatcher.call('counter.setSettings', { display: { picturesDir: tmp.dir, paymentCodeFile: path.join(tmp.dir, 'qr.png'), thanksSeconds: 5 } }, token);
      media = await core.dispatcher.call('display.media', {});
      if (!media.ok) throw new Error('media');
      expect(media.value.pictures.map((p) => p.name)).toEqual(['a.jpg', 'b.png', 'qr.png']);
      expect(media.value.paymentCode).toEqual({ name: 'qr.png', dataUrl: `data:image/png;base64,${png.toString('base64')}` });
      expect(media.value.thanksSeconds).toBe(5);
    } finally {
      tmp.cleanup();
    }
  });

  it('applies the saved settings to the pole display and the desktop window, at start and on change', async () => {
    const applied: unknown[] = [];
    const windows: unknown[] = [];
    const pole: PoleDisplayPort = { apply: (c) => applied.push(c), show: () => Promise.resolve(), state: () => 'ready', close: () => Promise.resolve() };
    const screens: ScreensPort = { list: () => [{ id: 7, label: 'HDMI-1 1024×768', primary: false, width: 1024, height: 768 }], apply: (d) => windows.push(d) };
    const core = testCore({ counter: { pole, screens } });
    cores.push(core);
    const { token } = await shopWithOwner(core);
    expect(applied).toEqual([null]);
    expect(windows).toMatchObject([{ window: false }]);
    const list = await core.dispatcher.call('counter.screens', {}, token);
    expect(list.ok && list.value[0]!.id).toBe(7);
    await core.dispatcher.call('counter.setSettings', { display: { window: true, screenId: 7 }, pole: { kind: 'led8', path: '/dev/ttyUSB1', baudRate: 2400 } }, token);
    expect(applied.at(-1)).toEqual({ kind: 'led8', path: '/dev/ttyUSB1', baudRate: 2400 });
    expect(windows.at(-1)).toMatchObject({ window: true, screenId: 7 });
    const saved = await core.dispatcher.call('counter.settings', {}, token);
    expect(saved.ok && saved.value.sound).toEqual({ enabled: true, volume: 60 });
  });

  it('picks the pictures folder and the 收款码 with the desktop open dialog; the browser host says it has none', async () => {
    const asked: string[] = [];
    const picker: PathPickerPort = { pick: (kind) => (asked.push(kind), Promise.resolve(kind === 'folder' ? '/srv/pictures' : null)) };
    const desktop = testCore({ counter: { picker } });
    const browser = testCore();
    cores.push(desktop, browser);
    const { token } = await shopWithOwner(desktop);
    expect(await desktop.dispatcher.call('counter.pickPath', { kind: 'folder' }, token)).toEqual({ ok: true, value: { path: '/srv/pictures' } });
    expect(await desktop.dispatcher.call('counter.pickPath', { kind: 'image' }, token)).toEqual({ ok: true, value: { path: null } });
    expect(asked).toEqual(['folder', 'image']);
    // Picking saves nothing: the settings change only when saved.
    const settings = await desktop.dispatcher.call('counter.settings', {}, token);
    expect(settings.ok && settings.value.display.picturesDir).toBeNull();
    const cashier = await signedInAs(desktop, token, 'cashier');
    expect(await desktop.dispatcher.call('counter.pickPath', { kind: 'folder' }, cashier.token)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await desktop.dispatcher.call('counter.pickPath', { kind: 'file' } as never, token)).toMatchObject({ ok: false, error: { code: 'bad_input' } });
    expect(asked).toHaveLength(2);

    const owner = await shopWithOwner(browser);
    expect(await browser.dispatcher.call('counter.pickPath', { kind: 'folder' }, owner.token)).toEqual({
      ok: false,
      error: { code: 'rule_violation', messageKey: 'errors.no_file_dialog', details: { rule: 'no_file_dialog' } },
    });
  });
});
