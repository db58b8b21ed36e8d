import { describe, expect, it } from 'vitest';
import type { DeviceState } from '../../shared/contract/system.js';
import { PrinterError } from './printer.js';
import { PrinterConfig, createPrinter, defaultPrinterConfig } from './printer-config.js';
import { SerialPrinter } from './serial-printer.js';
import { SystemPrinter, type SystemPrinterDriver } from './system-printer.js';
import { TcpPrinter } from './tcp-printer.js';

describe('PrinterConfig', () => {
  it('fills defaults: port 9100, 80 mm, no drawer', () => {
    expect(PrinterConfig.parse({ type: 'network', host: '192.168.1.87' })).toEqual({
      type: 'network', host: '192.168.1.87', port: 9100, paperWidth: 80, openDrawerOnCash: false,
    });
    expect(PrinterConfig.parse({ type: 'serial', path: '/dev/ttyUSB0', paperWidth: 58 })).toMatchObject({ baudRate: 9600, paperWidth: 58 });
    expect(PrinterConfig.parse({ type: 'none' })).toEqual(defaultPrinterConfig);
    expect(PrinterConfig.parse({ type: 'system', deviceName: 'XP-58', openDrawerOnCash: true })).toMatchObject({ openDrawerOnCash: true });
  });

  it.each([
    { type: 'network', host: '' },
    { type: 'network', host: 'http://printer' },
    { type: 'network', host: '10.0.0.5', port: 0 },
    { type: 'network', host: '10.0.0.5', port: 70000 },
    { type: 'serial', path: '/dev/ttyS0', baudRate: 9601 },
    { type: 'system', deviceName: ' ' },
    { type: 'network', host: '10.0.0.5', paperWidth: 76 },
    { type: 'usb' },
    { type: 'none', extra: true },
  ])('rejects %j', (input) => {
    expect(PrinterConfig.safeParse(input).success).toBe(false);
  });
});

describe('createPrinter', () => {
  it('makes the printer the settings describe', () => {
    expect(createPrinter(defaultPrinterConfig)).toBeNull();
    const tcp = createPrinter(PrinterConfig.parse({ type: 'network', host: '127.0.0.1', port: 9101 }));
    expect(tcp).toBeInstanceOf(TcpPrinter);
    expect(tcp).toMatchObject({ kind: 'network', host: '127.0.0.1', port: 9101 });
    expect(createPrinter(PrinterConfig.parse({ type: 'serial', path: '/dev/ttyUSB0' }))).toBeInstanceOf(SerialPrinter);
    expect(createPrinter(PrinterConfig.parse({ type: 'system', deviceName: 'XP-58' }))).toBeInstanceOf(SystemPrinter);
  });

  it('leaves OS printers to the driver Electron main provides', async () => {
    const config = PrinterConfig.parse({ type: 'system', deviceName: 'XP-58' });
    const without = createPrinter(config)!;
    expect(await without.probe()).toBe('not_configured');
    await expect(without.send(Uint8Array.of(1))).rejects.toBeInstanceOf(PrinterError);

    const sent: Array<[string, number[]]> = [];
    const driver: SystemPrinterDriver = {
      list: async () => ['XP-58'],
      send: async (name, bytes) => void sent.push([name, [...bytes]]),
      probe: async (): Promise<DeviceState> => 'ready',
    };
    const withDriver = createPrinter(config, { system: driver })!;
    expect(await withDriver.probe()).toBe('ready');
    await withDriver.send(Uint8Array.of(0x1b, 0x40));
    expect(sent).toEqual([['XP-58', [0x1b, 0x40]]]);
  });
});
