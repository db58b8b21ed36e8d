import { describe, expect, it } from 'vitest';
import type { CommandRunner } from './run-command.js';
import { PrinterError } from './printer.js';
import { encodeCommand, listPrintersCommand, rawPrintCommand, windowsDriver } from './windows-printer.js';

/**
 * The Windows spooler path is checked here only (no Windows in CI): the command it builds and
 * how it reads PowerShell's answers. README says so.
 */
const decode = (args: readonly string[]) => Buffer.from(args.at(-1)!, 'base64').toString('utf16le');

describe('Windows RAW printing (PowerShell + winspool WritePrinter)', () => {
  it('builds a RAW job: the bytes on stdin as base64, the name in the environment, never in the script', () => {
    const name = `EPSON TM-T82 Receipt'; Remove-Item C:\\ -Recurse; '`;
    const bytes = Uint8Array.from([0x1b, 0x40, 0x1c, 0x26, 0xc4, 0xe3, 0x0a, 0x1d, 0x56, 0x00]);
    const c = rawPrintCommand(name, bytes);
    expect(c.file).toBe('powershell.exe');
    expect(c.args.slice(0, -1)).toEqual(['-NoProfile', '-NonInteractive', '-ExecutionPolicy', 'Bypass', '-EncodedCommand']);
    const script = decode(c.args);
    expect(script).toContain('pDataType = "RAW"');
    expect(script).toMatch(/WritePrinter\(h, data, data\.Length, out written\)/);
    expect(script).toContain('[DllImport("winspool.drv"');
    expect(script).toContain('$env:POS_PRINTER_NAME');
    expect(script).toContain('[Console]::In.ReadToEnd()');
    expect(script).not.toContain('EPSON');
    expect(c.env).toEqual({ POS_PRINTER_NAME: name });
    expect(Buffer.from(c.input, 'base64')).toEqual(Buffer.from(bytes));
    // -EncodedCommand is UTF-16LE base64, as PowerShell reads it.
    expect(encodeCommand('A')).toBe(Buffer.from([0x41, 0x00]).toString('base64'));
  });

  it('lists printers and maps the answers to device states and printer errors', async () => {
    const calls: Array<{ file: string; args: readonly string[]; env: NodeJS.ProcessEnv | undefined; input: unknown }> = [];
    let answer = { code: 0 as number | null, stdout: '', stderr: '' };
    const run: CommandRunner = (file, args, o) => {
      calls.push({ file, args, env: o.env, input: o.input });
      return Promise.resolve(answer);
    };
    const driver = windowsDriver({ run });
    answer = { code: 0, stdout: 'XP-58 (copy 1)\r\nMicrosoft Print to PDF\r\n', stderr: '' };
    expect(await driver.list()).toEqual(['XP-58 (copy 1)', 'Microsoft Print to PDF']);
    expect(decode(calls[0]!.args)).toBe(decode(listPrintersCommand().args));

    answer = { code: 0, stdout: '', stderr: '' };
    await driver.send('XP-58', Uint8Array.from([1, 2, 3]));
    expect(calls[1]!.env?.POS_PRINTER_NAME).toBe('XP-58');
    expect(calls[1]!.input).toBe(Buffer.from([1, 2, 3]).toString('base64'));

    answer = { code: 1, stdout: '', stderr: 'Exception calling "Send": "OpenPrinter failed: 1801"\r\nAt line:1' };
    const e = await driver.send('Gone', Uint8Array.from([1])).catch((err: unknown) => err);
    expect(e).toBeInstanceOf(PrinterError);
    expect((e as PrinterError).code).toBe('offline');

    for (const [stdout, state] of [['ready', 'ready'], ['offline', 'offline'], ['missing', 'offline'], ['', 'error']] as const) {
      answer = { code: 0, stdout: `${stdout}\r\n`, stderr: '' };
      expect(await driver.probe('XP-58')).toBe(state);
    }
  });

  it('no PowerShell: unavailable, not a crash', async () => {
    const driver = windowsDriver({ run: () => Promise.reject(Object.assign(new Error('spawn powershell.exe ENOENT'), { code: 'ENOENT' })) });
    const e = await driver.send('XP-58', Uint8Array.from([1])).catch((err: unknown) => err);
    expect((e as PrinterError).code).toBe('unavailable');
  });
});
