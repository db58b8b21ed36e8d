import type { DeviceState } from '../../shared/contract/system.js';
import { PrinterError } from './printer.js';
import { runCommand, type CommandRunner } from './run-command.js';
import type { SystemPrinterDriver } from './system-printer.js';

/**
 * The Win32 spooler's RAW path, from PowerShell: OpenPrinter, StartDocPrinter with the
 * "RAW" datatype (the driver passes the bytes through untouched, so ESC/POS cut, drawer and
 * GB18030 text survive), WritePrinter, then the matching Ends and ClosePrinter. Add-Type
 * compiles the few P/Invoke declarations with the C# compiler that ships with .NET
 * Framework on every Windows since 7, so nothing is installed and nothing native is built.
 *
 * The printer's name arrives in an environment variable and the job as base64 on stdin:
 * neither is ever pasted into the script, so no name can break out of a string.
 */
const RAW_PRINT_SCRIPT = String.raw`
$ErrorActionPreference = 'Stop'
Add-Type -TypeDefinition @'
using System;
using System.Runtime.InteropServices;
public static class PosRawPrint {
  [StructLayout(LayoutKind.Sequential, CharSet = CharSet.Unicode)]
  public class DOCINFO { public string pDocName; public string pOutputFile; public string pDataType; }
  [DllImport("winspool.drv", CharSet = CharSet.Unicode, SetLastError = true)] static extern bool OpenPrinter(string name, out IntPtr h, IntPtr defaults);
  [DllImport("winspool.drv", SetLastError = true)] static extern bool ClosePrinter(IntPtr h);
  [DllImport("winspool.drv", CharSet = CharSet.Unicode, SetLastError = true)] static extern int StartDocPrinter(IntPtr h, int level, [In] DOCINFO di);
  [DllImport("winspool.drv", SetLastError = true)] static extern bool EndDocPrinter(IntPtr h);
  [DllImport("winspool.drv", SetLastError = true)] static extern bool StartPagePrinter(IntPtr h);
  [DllImport("winspool.drv", SetLastError = true)] static extern bool EndPagePrinter(IntPtr h);
  [DllImport("winspool.drv", SetLastError = true)] static extern bool WritePrinter(IntPtr h, byte[] data, int count, out int written);
  public static void Send(string name, byte[] data) {
    IntPtr h;
    if (!OpenPrinter(name, out h, IntPtr.Zero)) throw new Exception("OpenPrinter failed: " + Marshal.GetLastWin32Error());
    try {
      DOCINFO di = new DOCINFO(); di.pDocName = "Counter POS"; di.pDataType = "RAW";
      if (StartDocPrinter(h, 1, di) == 0) throw new Exception("StartDocPrinter failed: " + Marshal.GetLastWin32Error());
      try {
        StartPagePrinter(h);
        int written;
        if (!WritePrinter(h, data, data.Length, out written) || written != data.Length) throw new Exception("WritePrinter failed: " + Marshal.GetLastWin32Error());
        EndPagePrinter(h);
      } finally { EndDocPrinter(h); }
    } finally { ClosePrinter(h); }
  }
}
'@
$data = [Convert]::FromBase64String([Console]::In.ReadToEnd().Trim())
[PosRawPrint]::Send($env:POS_PRINTER_NAME, $data)
`;

const LIST_SCRIPT = `Get-CimInstance -ClassName Win32_Printer | ForEach-Object { $_.Name }`;
/** WorkOffline is what Windows sets when a USB printer is unplugged or switched off. */
const PROBE_SCRIPT = `$p = Get-CimInstance -ClassName Win32_Printer | Where-Object { $_.Name -eq $env:POS_PRINTER_NAME }
if (-not $p) { 'missing' } elseif ($p.WorkOffline) { 'offline' } else { 'ready' }`;

/** PowerShell takes -EncodedCommand as base64 of UTF-16LE: no quoting of the script at all. */
export function encodeCommand(script: string): string {
  return Buffer.from(script, 'utf16le').toString('base64');
}

export interface PowerShellCall {
  file: string;
  args: string[];
  env: Record<string, string>;
  /** What goes on stdin. */
  input: string;
}

const POWERSHELL_ARGS = ['-NoProfile', '-NonInteractive', '-ExecutionPolicy', 'Bypass', '-EncodedCommand'];

/** The command that prints `bytes` RAW on the Windows printer `name` (what the test checks). */
export function rawPrintCommand(name: string, bytes: Uint8Array): PowerShellCall {
  return {
    file: 'powershell.exe',
    args: [...POWERSHELL_ARGS, encodeCommand(RAW_PRINT_SCRIPT)],
    env: { POS_PRINTER_NAME: name },
    input: Buffer.from(bytes).toString('base64'),
  };
}

export function listPrintersCommand(): PowerShellCall {
  return { file: 'powershell.exe', args: [...POWERSHELL_ARGS, encodeCommand(LIST_SCRIPT)], env: {}, input: '' };
}

export function probePrinterCommand(name: string): PowerShellCall {
  return { file: 'powershell.exe', args: [...POWERSHELL_ARGS, encodeCommand(PROBE_SCRIPT)], env: { POS_PRINTER_NAME: name }, input: '' };
}

/** Printers installed in Windows (a USB receipt printer with its vendor's driver), RAW jobs through the spooler. */
export function windowsDriver(options: { run?: CommandRunner; timeoutMs?: number } = {}): SystemPrinterDriver {
  const run = options.run ?? runCommand;
  const timeoutMs = options.timeoutMs ?? 20_000; // PowerShell + Add-Type's compile take a few seconds cold
  const exec = async (c: PowerShellCall) => {
    try {
      return await run(c.file, c.args, { env: { ...process.env, ...c.env }, input: c.input, timeoutMs });
    } catch (err) {
      const code = (err as { code?: string }).code;
      if (code === 'ENOENT') throw new PrinterError('unavailable', 'PowerShell was not found', { cause: err });
      if (code === 'ETIMEDOUT') throw new PrinterError('timeout', `The Windows spooler did not answer within ${timeoutMs} ms`, { cause: err });
      throw new PrinterError('io', err instanceof Error ? err.message : String(err), { cause: err });
    }
  };
  return {
    async list() {
      const r = await exec(listPrintersCommand());
      return r.code === 0 ? r.stdout.split(/\r?\n/).map((l) => l.trim()).filter(Boolean) : [];
    },
    async send(name, bytes) {
      const r = await exec(rawPrintCommand(name, bytes));
      if (r.code === 0) return;
      const why = r.stderr.trim() || r.stdout.trim();
      // ERROR_INVALID_PRINTER_NAME (1801): the printer was removed or renamed.
      if (/OpenPrinter failed: 1801/.test(why)) throw new PrinterError('offline', `Windows has no printer "${name}"`);
      throw new PrinterError('io', `Windows printer "${name}": ${why.split(/\r?\n/)[0] ?? `exit ${r.code}`}`);
    },
    async probe(name): Promise<DeviceState> {
      const r = await exec(probePrinterCommand(name));
      const answer = r.stdout.trim();
      return answer === 'ready' ? 'ready' : answer === 'offline' || answer === 'missing' ? 'offline' : 'error';
    },
  };
}
