import { ean13Modules } from './format.js';

/**
 * The member card number as an EAN-13 barcode (SVG, so it prints sharp and needs no image
 * files). Counter scanners read it back into the lookup box. Nothing for other card numbers
 * (imported cards may use the shop's old numbering).
 */
export function CardBarcode({ cardNo, label }: { cardNo: string; label: string }) {
  const modules = ean13Modules(cardNo);
  if (!modules) return null;
  const bars: Array<{ x: number; w: number; guard: boolean }> = [];
  for (let i = 0; i < modules.length; ) {
    if (modules[i] !== '1') {
      i += 1;
      continue;
    }
    let w = 1;
    while (modules[i + w] === '1') w += 1;
    // Start, centre and end guards run longer, as printed EAN-13 codes do.
    const guard = i < 3 || (i >= 45 && i < 50) || i >= 92;
    bars.push({ x: i, w, guard });
    i += w;
  }
  const quiet = 9;
  const width = modules.length + quiet * 2;
  return (
    <svg className="card-barcode" role="img" aria-label={label} viewBox={`0 0 ${width} 62`} preserveAspectRatio="xMidYMid meet">
      <rect x="0" y="0" width={width} height="62" fill="#fff" />
      {bars.map((b) => (
        <rect key={b.x} x={b.x + quiet} y="2" width={b.w} height={b.guard ? 52 : 46} fill="#000" />
      ))}
      <text x={width / 2} y="60" textAnchor="middle" fontSize="8" fontFamily="monospace" letterSpacing="1.5">
        {cardNo}
      </text>
    </svg>
  );
}
