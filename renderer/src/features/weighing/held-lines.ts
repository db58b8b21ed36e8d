import type { Input } from '../../../../shared/contract/index.js';
import type { WeighedLine } from '../../../../shared/contract/weighing.js';
import { invoke } from '../../api/client.js';

type HeldLine = Input<'sales.commit'>['lines'][number];

/** A resumed order's weighed lines priced again by the core (today's price for a weight label), for linesFromHeld. */
export async function weighedOfHeld(lines: readonly HeldLine[]): Promise<(h: HeldLine) => WeighedLine | null> {
  const priced = new Map<HeldLine, WeighedLine>();
  await Promise.all(lines.map(async (h) => {
    if (!h.weighed) return;
    const r = 'label' in h.weighed
      ? await invoke('scale.readLabel', { code: h.weighed.label }, { quiet: true }).then((x) => (x.ok ? { ok: true as const, value: x.value.weighed } : x))
      : await invoke('scale.priceWeight', { productId: h.productId, grams: h.weighed.grams }, { quiet: true });
    if (r.ok) priced.set(h, r.value);
  }));
  return (h) => priced.get(h) ?? null;
}
