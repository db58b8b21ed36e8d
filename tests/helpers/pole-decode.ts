/**
 * Reads back what a pole display (客显) would show from the bytes it received, in the CD5220 /
 * ESC-POS customer display command set: ESC @ (reset: blank, lamps off), CLR (blank), ESC s n
 * (lamp: '0' off, '1' 单价, '2' 合计, '3' 收款, '4' 找零), ESC Q A … CR (upper line, or the
 * digits of an 8-digit LED), ESC Q B … CR (lower line). Anything else is listed in `unknown`.
 */
export interface PoleScreen {
  line1: string;
  line2: string;
  lamp: 'off' | 'price' | 'total' | 'collect' | 'change';
  resets: number;
  unknown: number[];
}

const LAMPS = { 0x30: 'off', 0x31: 'price', 0x32: 'total', 0x33: 'collect', 0x34: 'change' } as const;

export function decodePole(bytes: Uint8Array): PoleScreen {
  const s: PoleScreen = { line1: '', line2: '', lamp: 'off', resets: 0, unknown: [] };
  let i = 0;
  const readLine = () => {
    const end = bytes.indexOf(0x0d, i);
    if (end < 0) throw new Error(`line without CR at ${i}`);
    const text = String.fromCharCode(...bytes.slice(i, end));
    i = end + 1;
    return text;
  };
  while (i < bytes.length) {
    const b = bytes[i++]!;
    if (b === 0x0c) {
      s.line1 = '';
      s.line2 = '';
    } else if (b === 0x1b) {
      const c = bytes[i++];
      if (c === 0x40) {
        Object.assign(s, { line1: '', line2: '', lamp: 'off' });
        s.resets++;
      } else if (c === 0x73) {
        const n = bytes[i++]!;
        const lamp = LAMPS[n as keyof typeof LAMPS];
        if (lamp) s.lamp = lamp;
        else s.unknown.push(0x1b, 0x73, n);
      } else if (c === 0x51) {
        const which = bytes[i++];
        if (which === 0x41) s.line1 = readLine();
        else if (which === 0x42) s.line2 = readLine();
        else s.unknown.push(0x1b, 0x51, which ?? -1);
      } else s.unknown.push(0x1b, c ?? -1);
    } else s.unknown.push(b);
  }
  return s;
}

/** The frames in a stream: each starts with ESC @. */
export function splitFrames(bytes: Uint8Array): Uint8Array[] {
  const starts: number[] = [];
  for (let i = 0; i + 1 < bytes.length; i++) if (bytes[i] === 0x1b && bytes[i + 1] === 0x40) starts.push(i);
  return starts.map((s, k) => bytes.slice(s, starts[k + 1] ?? bytes.length));
}
