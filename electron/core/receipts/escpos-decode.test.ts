import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { code128Text, columns, decodeEscPos } from '../../../tests/helpers/escpos-decode.js';

// The decoder is a test helper (tests/helpers/escpos-decode.ts); it is tested here, on bytes
// built by hand, because vitest only collects tests under electron/, shared/ and renderer/.

const ESC = 0x1b;
const GS = 0x1d;
const FS = 0x1c;
const LF = 0x0a;
const gb = (s: string) => [...iconv.encode(s, 'gb18030')];
const ascii = (s: string) => [...Buffer.from(s, 'latin1')];
const bytes = (...parts: Array<number | number[]>) => Uint8Array.from(parts.flat());

describe('decodeEscPos', () => {
  it('decodes GB18030 text in Kanji mode and ASCII outside it, one line per LF', () => {
    const d = decodeEscPos(bytes(ESC, 0x40, FS, 0x26, gb('可口可乐 ￥3.50'), LF, FS, 0x2e, ascii('Total'), LF));
    expect(d.lines).toEqual(['可口可乐 ￥3.50', 'Total']);
    expect(d.widths).toEqual([15, 5]);
    expect(d.text).toBe('可口可乐 ￥3.50\nTotal');
    expect(d.unknown).toEqual([]);
  });

  it('decodes 4-byte GB18030 characters', () => {
    const four = iconv.encode('𠀀', 'gb18030'); // outside the BMP: a 4-byte sequence
    expect(four.length).toBe(4);
    expect(decodeEscPos(bytes(FS, 0x26, [...four], LF)).lines).toEqual(['𠀀']);
  });

  it('skips commands with their parameters and lists them', () => {
    const d = decodeEscPos(
      bytes(
        [ESC, 0x40], [ESC, 0x61, 1], [ESC, 0x45, 1], [ESC, 0x21, 0], [GS, 0x21, 0x00], [ESC, 0x74, 0],
        [FS, 0x43, 0x30], [FS, 0x21, 0], [FS, 0x26], ascii('ok'), LF,
        [GS, 0x56, 0x42, 0x00], // GS V m n: feed and cut
        [GS, 0x56, 0x01], // GS V m: cut
      ),
    );
    expect(d.lines).toEqual([expect.stringMatching(/^ *ok$/)]);
    expect(d.commands.map((c) => c.name)).toEqual(['init', 'align', 'ESC E', 'size', 'size', 'ESC t', 'FS C', 'FS !', 'kanji-on', 'cut', 'cut']);
    expect(d.cuts).toBe(2);
    expect(d.unknown).toEqual([]);
  });

  it('reports the drawer pulse ESC p m t1 t2', () => {
    const d = decodeEscPos(bytes(ESC, 0x70, 0, 25, 250));
    expect(d.drawerPulses).toEqual([{ pin: 0, onMs: 50, offMs: 500 }]);
    expect(d.lines).toEqual([]);
  });

  it('reads barcodes in both GS k forms', () => {
    const d = decodeEscPos(
      bytes(
        [GS, 0x6b, 2], ascii('690123456789'), 0, // form A, EAN-13, NUL-terminated
        [GS, 0x6b, 73, 10], [0x7b, 0x43, 20, 26, 1, 31, 0x7b, 0x42], ascii('-A'), // form B, CODE128
        ascii('x'), LF,
      ),
    );
    expect(d.barcodes).toEqual([
      { type: 2, data: '690123456789' },
      { type: 73, data: '20260131-A' },
    ]);
    expect(d.lines).toEqual(['x']); // barcode data is not text
  });

  it('skips raster images (GS v 0, GS 8 L) and QR codes (GS ( k) without printing their data', () => {
    const qrData = ascii('20260131-0042');
    const store = [49, 80, 48, ...qrData]; // cn fn m data
    const d = decodeEscPos(
      bytes(
        [GS, 0x76, 0x30, 0, 2, 0, 2, 0], [0x41, 0x42, 0x0a, 0x1b], // 2 bytes × 2 rows, data that looks like text/commands
        [GS, 0x38, 0x4c, 4, 0, 0, 0], [0x41, 0x0a, 0x1d, 0x56], // GS 8 L p1-p4 + 4 bytes
        [GS, 0x28, 0x6b, store.length, 0], store,
        [GS, 0x28, 0x6b, 3, 0, 49, 81, 48], // print the QR code
        ascii('after'), LF,
      ),
    );
    expect(d.images).toBe(2);
    expect(d.qrCodes).toEqual(['20260131-0042']);
    expect(d.lines).toEqual(['after']);
    expect(d.cuts).toBe(0);
  });

  it('places text at ESC $ / ESC \\ positions and GS L margins, and scales with GS !', () => {
    const d = decodeEscPos(
      bytes(
        [GS, 0x4c, 24, 0], ascii('ab'), // left margin 2 columns
        [ESC, 0x24, 120, 0], ascii('c'), // absolute: column 10 from the margin
        [ESC, 0x5c, 0xf4, 0xff], ascii('d'), LF, // relative −12 dots: overwrite 'c'
        [GS, 0x4c, 0, 0], [GS, 0x21, 0x11], [FS, 0x26], gb('大'), LF,
      ),
    );
    expect(d.lines).toEqual(['  ab        d', '大']);
    expect(d.widths).toEqual([13, 4]);
  });

  it('centres lines with ESC a within the print area', () => {
    const d = decodeEscPos(bytes([ESC, 0x61, 1], ascii('1234'), LF), { cpl: 10 });
    expect(d.lines).toEqual(['   1234']);
  });

  it('records unknown sequences instead of guessing', () => {
    const d = decodeEscPos(bytes([ESC, 0x7e], ascii('x'), LF));
    expect(d.unknown).toEqual([{ name: 'unknown', bytes: [ESC, 0x7e] }]);
    expect(d.lines).toEqual(['x']);
  });

  it('decodes CODE128 code sets and counts columns', () => {
    expect(code128Text(Uint8Array.from([0x7b, 0x42, 0x41, 0x7b, 0x7b, 0x7b, 0x43, 5, 99]))).toBe('A{0599');
    expect(columns('￥12 可乐')).toBe(9);
  });
});
