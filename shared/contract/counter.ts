import { z } from 'zod';
import { call } from './define.js';
import { Ident } from './common.js';
import { DeviceState } from './system.js';
import { DisplayFrame, DisplayState } from '../display/state.js';

const POLE_BAUD = [2400, 4800, 9600, 19200] as const;

/**
 * The counter's customer-facing devices (issue 16), stored in the shop's settings under
 * 'counter': the customer display (second window or /display page), the pole display and the
 * till's sounds.
 */
export const PoleConfig = z.object({
  /** led8: 8-digit LED with 单价/合计/收款/找零 lamps (ESC s n); vfd: 2×20 characters (CD5220). */
  kind: z.enum(['led8', 'vfd']),
  path: Ident(260).min(1),
  baudRate: z.number().int().refine((n) => (POLE_BAUD as readonly number[]).includes(n), 'unsupported baud rate').default(9600),
}).strict();
export type PoleConfig = z.infer<typeof PoleConfig>;

export const CounterSettings = z.object({
  display: z.object({
    /** Desktop app: open the second window; which screen (Electron's display id), null = the first that is not the main one. */
    window: z.boolean().default(false),
    screenId: z.number().int().nullable().default(null),
    /** A folder of the shop's own pictures shown when idle; null = the demo pictures. */
    picturesDir: Ident(1000).min(1).nullable().default(null),
    /** The shop's 收款码 image (PNG/JPEG), shown when idle. */
    paymentCodeFile: Ident(1000).min(1).nullable().default(null),
    slideSeconds: z.number().int().min(3).max(120).default(8),
    /** How long 谢谢惠顾 stays after a sale before the pictures come back. */
    thanksSeconds: z.number().int().min(3).max(120).default(15),
    /** At the payment step, the top-up offer that fits (本单用储值立省 ¥x). */
    topUpOffer: z.boolean().default(false),
  }).strict().default({ window: false, screenId: null, picturesDir: null, paymentCodeFile: null, slideSeconds: 8, thanksSeconds: 15, topUpOffer: false }),
  pole: PoleConfig.nullable().default(null),
  sound: z.object({ enabled: z.boolean().default(true), volume: z.number().int().min(0).max(100).default(60) }).strict().default({ enabled: true, volume: 60 }),
}).strict();
export type CounterSettings = z.infer<typeof CounterSettings>;
export const defaultCounterSettings: CounterSettings = CounterSettings.parse({});

const Picture = z.object({ name: z.string(), dataUrl: z.string() }).strict();

export const counterContract = {
  'counter.settings': call({ access: 'cashier', input: z.object({}).strict(), output: CounterSettings }),
  /** Managers, as for the printer and scanner (设置 → 外设). */
  'counter.setSettings': call({
    access: 'manager',
    input: z.object({
      display: CounterSettings.shape.display.unwrap().partial().strict().optional(),
      pole: PoleConfig.nullable().optional(),
      sound: CounterSettings.shape.sound.unwrap().partial().strict().optional(),
    }).strict(),
    output: CounterSettings,
  }),
  /** The screens Electron sees (desktop app only; the browser host answers none). */
  'counter.screens': call({
    access: 'manager',
    input: z.object({}).strict(),
    output: z.array(z.object({ id: z.number().int(), label: z.string(), primary: z.boolean(), width: z.number().int(), height: z.number().int() }).strict()),
  }),
  /** The desktop app's open dialog for the pictures folder or the 收款码 image; the browser host has none (rule no_file_dialog). */
  'counter.pickPath': call({
    access: 'manager',
    input: z.object({ kind: z.enum(['folder', 'image']) }).strict(),
    output: z.object({ path: z.string().nullable() }).strict(),
  }),
  /** The till tells the display what to show (projectDisplay's output); pushed as a display.state event. */
  'display.show': call({ access: 'cashier', input: DisplayState, output: z.object({ seq: z.number().int() }) }),
  /**
   * What the display shows now, read when it (re)connects. Public: the display page or window
   * signs in as nobody, and everything in a state is what faces the customer anyway.
   */
  'display.current': call({ access: 'public', whileLocked: true, input: z.object({}).strict(), output: DisplayFrame }),
  /** The idle screen's pictures and 收款码 (data: URLs, so the strict CSP needs no exception) and its timings. */
  'display.media': call({
    access: 'public',
    whileLocked: true,
    input: z.object({}).strict(),
    output: z.object({ pictures: z.array(Picture), paymentCode: Picture.nullable(), slideSeconds: z.number().int(), thanksSeconds: z.number().int() }).strict(),
  }),
  /** CUPS queues or Windows printers, for the printer settings. */
  'devices.systemPrinters': call({ access: 'manager', input: z.object({}).strict(), output: z.array(z.string()) }),
  /** Shows a test pattern on the pole display; answers its state after trying. */
  'devices.testPole': call({ access: 'manager', input: z.object({}).strict(), output: z.object({ pole: DeviceState }) }),
};
