import { z } from 'zod';
import { call } from './define.js';
import { Ident, Text } from './common.js';
import { PaperWidth } from './receipt.js';
import { DeviceState } from './system.js';

/** Baud rates receipt printers and scanners offer; anything else is a typo. */
export const BAUD_RATES = [2400, 4800, 9600, 19200, 38400, 57600, 115200] as const;
export const DEFAULT_PRINTER_PORT = 9100;
const Baud = z.number().int().refine((n) => (BAUD_RATES as readonly number[]).includes(n), 'unsupported baud rate').default(9600);

const common = {
  paperWidth: PaperWidth.default(80),
  /** Pulse the cash drawer (钱箱) when a receipt with a cash payment prints. */
  openDrawerOnCash: z.boolean().default(false),
};

/** Printer settings (设置 → 小票打印机), stored as JSON in the shop's settings. */
export const PrinterConfig = z.discriminatedUnion('type', [
  z.object({ type: z.literal('none'), ...common }).strict(),
  z.object({
    type: z.literal('network'),
    // An IPv4/IPv6 address or a host name; no URL, no port suffix.
    host: z.string().trim().min(1).max(253).regex(/^[A-Za-z0-9.:-]+$/),
    port: z.number().int().min(1).max(65535).default(DEFAULT_PRINTER_PORT),
    ...common,
  }).strict(),
  z.object({ type: z.literal('serial'), path: Ident(260).min(1), baudRate: Baud, ...common }).strict(),
  z.object({ type: z.literal('system'), deviceName: Ident(260).min(1), ...common }).strict(),
  /** A USB printer's device file written directly (Linux `/dev/usb/lp0`), without CUPS. */
  z.object({ type: z.literal('usb'), path: Ident(260).min(1), ...common }).strict(),
]);
export type PrinterConfig = z.infer<typeof PrinterConfig>;
export const defaultPrinterConfig: PrinterConfig = { type: 'none', paperWidth: 80, openDrawerOnCash: false };

/**
 * Scanners: keyboard-wedge scanners are recognised in the page by speed and terminator
 * (thresholds here); a serial scanner is read by the main process.
 */
export const ScannerConfig = z.object({
  serial: z.object({ path: Ident(260).min(1), baudRate: Baud }).strict().nullable().default(null),
  wedge: z.object({
    /** Fewest characters that count as a scan (shorter bursts are typing). */
    minLength: z.number().int().min(3).max(64).default(6),
    /** Longest gap between two characters of one scan, ms. People type slower than ~50 ms a key. */
    maxGapMs: z.number().int().min(5).max(200).default(35),
  }).strict().default({ minLength: 6, maxGapMs: 35 }),
}).strict();
export type ScannerConfig = z.infer<typeof ScannerConfig>;
export const defaultScannerConfig: ScannerConfig = { serial: null, wedge: { minLength: 6, maxGapMs: 35 } };

export const DeviceConfig = z.object({ printer: PrinterConfig, scanner: ScannerConfig }).strict();
export type DeviceConfig = z.infer<typeof DeviceConfig>;

export const devicesContract = {
  'devices.config': call({ access: 'cashier', input: z.object({}).strict(), output: DeviceConfig }),
  'devices.setConfig': call({
    access: 'manager',
    input: z.object({ printer: PrinterConfig.optional(), scanner: ScannerConfig.optional() }).strict(),
    output: DeviceConfig,
  }),
  /** Prints a short test page; answers the printer's state after trying. */
  'devices.testPrint': call({ access: 'cashier', input: z.object({}).strict(), output: z.object({ printer: DeviceState }) }),
  /** 开钱箱 without a sale (audited). */
  'devices.openDrawer': call({ access: 'cashier', input: z.object({ reason: Text(100).default('') }).strict(), output: z.object({}) }),
  'devices.serialPorts': call({
    access: 'manager',
    input: z.object({}).strict(),
    output: z.array(z.object({ path: z.string(), manufacturer: z.string().nullable() })),
  }),
};
