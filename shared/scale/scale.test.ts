import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ean13 } from '../barcode.js';
import { gs1CheckDigit, valueCheckDigit, hasValidGs1Check } from './check-digits.js';
import { BUILTIN_TEMPLATES, templateProblem, templatesClash, type ScaleTemplate, type TemplateDraft } from './template.js';
import { parseScaleCode, readWith } from './parse.js';
import { weighedPriceFen, impliedGrams, perKgFen, formatKg } from './weigh-price.js';
import { pluCsv } from './plu-csv.js';
import { classifyPaymentCode, codeTail } from '../payment-codes.js';

const templates: ScaleTemplate[] = BUILTIN_TEMPLATES.map((t, i) => ({ ...t, id: i + 1, active: true }));
const byPrefix = (p: string) => templates.find((t) => t.prefix === p)!;
const withCheck = (body: string) => body + String(gs1CheckDigit(body));
const pad = (n: number, d: number) => String(n).padStart(d, '0');

describe('check digits', () => {
  it('matches the GS1 examples for the price/weight check digit', () => {
    expect(valueCheckDigit('2875')).toBe(9);
    expect(valueCheckDigit('14685')).toBe(6);
    expect(valueCheckDigit('123')).toBeNull();
  });

  it('catches every single wrong digit in a 4- or 5-digit value', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 99_999 }), fc.integer({ min: 0, max: 4 }), fc.integer({ min: 1, max: 9 }), fc.boolean(), (n, pos, delta, five) => {
      const v = pad(n % (five ? 100_000 : 10_000), five ? 5 : 4);
      const i = pos % v.length;
      const wrong = v.slice(0, i) + String((Number(v[i]) + delta) % 10) + v.slice(i + 1);
      expect(valueCheckDigit(wrong)).not.toBe(valueCheckDigit(v));
    }));
  });

  it('checks the 18-digit layout with the same mod 10 as EAN-13', () => {
    expect(hasValidGs1Check(ean13('200012301234'))).toBe(true);
    expect(hasValidGs1Check(withCheck('24000120123401250'))).toBe(true);
  });
});

describe('shipped layouts', () => {
  it('are all valid and do not clash with each other', () => {
    for (const t of BUILTIN_TEMPLATES) expect(templateProblem(t)).toBeNull();
    for (const a of BUILTIN_TEMPLATES) for (const b of BUILTIN_TEMPLATES) if (a !== b) expect(templatesClash(a, b)).toBe(false);
  });

  it('reads 20 + PLU + price in fen', () => {
    const r = parseScaleCode(ean13('200012301234'), templates);
    expect(r).toEqual({ ok: true, reading: { templateId: byPrefix('20').id, plu: '00123', priceFen: 1234, grams: null } });
  });

  it('reads 21 + PLU + price in jiao (×10 fen)', () => {
    const r = parseScaleCode(ean13('210012300456'), templates);
    expect(r.ok && r.reading.priceFen).toBe(4560);
  });

  it('reads 22 + PLU + weight in grams', () => {
    const r = parseScaleCode(ean13('220004501250'), templates);
    expect(r).toEqual({ ok: true, reading: { templateId: byPrefix('22').id, plu: '00045', priceFen: null, grams: 1250 } });
  });

  it('reads 23 + PLU + price check + 4-digit price, and refuses a wrong price check', () => {
    const good = ean13(`2300123${valueCheckDigit('2875')}2875`);
    expect(parseScaleCode(good, templates)).toMatchObject({ ok: true, reading: { plu: '00123', priceFen: 2875 } });
    const bad = ean13(`2300123${(valueCheckDigit('2875')! + 1) % 10}2875`);
    expect(parseScaleCode(bad, templates)).toMatchObject({ ok: false, reason: 'value_check' });
  });

  it('reads the 18-digit PLU + price + weight layout', () => {
    const r = parseScaleCode(withCheck('24000120123401250'), templates);
    expect(r).toEqual({ ok: true, reading: { templateId: byPrefix('24').id, plu: '00012', priceFen: 1234, grams: 1250 } });
  });

  it('refuses a broken EAN check digit on every layout', () => {
    for (const code of [ean13('200012301234'), ean13('220004501250'), withCheck('24000120123401250')]) {
      const broken = code.slice(0, -1) + String((Number(code.at(-1)) + 1) % 10);
      expect(parseScaleCode(broken, templates)).toMatchObject({ ok: false, reason: 'check_digit' });
    }
  });

  it('reads prices at the limits: zero and the most the digits hold', () => {
    expect(parseScaleCode(ean13('200012300000'), templates)).toMatchObject({ ok: true, reading: { priceFen: 0 } });
    expect(parseScaleCode(ean13('200012399999'), templates)).toMatchObject({ ok: true, reading: { priceFen: 99_999 } });
    expect(parseScaleCode(ean13('210012399999'), templates)).toMatchObject({ ok: true, reading: { priceFen: 999_990 } });
  });

  it('refuses a zero weight and a weight above the scale range', () => {
    expect(parseScaleCode(ean13('220004500000'), templates)).toMatchObject({ ok: false, reason: 'zero_weight' });
    expect(parseScaleCode(ean13('220004530001'), templates)).toMatchObject({ ok: false, reason: 'over_range', maxGrams: 30_000 });
    expect(parseScaleCode(ean13('220004530000'), templates)).toMatchObject({ ok: true, reading: { grams: 30_000 } });
    expect(parseScaleCode(withCheck('24000120123400000'), templates)).toMatchObject({ ok: false, reason: 'zero_weight' });
  });

  it('tells an unknown in-store prefix from a code that is not a scale label', () => {
    expect(parseScaleCode(ean13('250012301234'), templates)).toEqual({ ok: false, reason: 'unknown_prefix' });
    expect(parseScaleCode(ean13('690123456789'), templates)).toEqual({ ok: false, reason: 'not_scale' });
    expect(parseScaleCode(ean13('280000000001'), templates)).toEqual({ ok: false, reason: 'not_scale' }); // a coupon
    expect(parseScaleCode(ean13('290000000001'), templates)).toEqual({ ok: false, reason: 'not_scale' }); // a member card
    expect(parseScaleCode('134567890123456789', templates)).toEqual({ ok: false, reason: 'not_scale' }); // WeChat Pay
  });

  it('ignores an inactive template', () => {
    const off = templates.map((t) => (t.prefix === '20' ? { ...t, active: false } : t));
    expect(parseScaleCode(ean13('200012301234'), off)).toEqual({ ok: false, reason: 'unknown_prefix' });
  });

  it('round-trips any PLU, price and weight through every layout (property)', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 99_999 }), fc.integer({ min: 0, max: 99_999 }), fc.integer({ min: 1, max: 30_000 }), (plu, price, grams) => {
      const p = pad(plu, 5);
      expect(readWith(ean13(`20${p}${pad(price, 5)}`), byPrefix('20'))).toEqual({ ok: true, reading: { templateId: byPrefix('20').id, plu: p, priceFen: price, grams: null } });
      expect(readWith(ean13(`22${p}${pad(grams, 5)}`), byPrefix('22'))).toEqual({ ok: true, reading: { templateId: byPrefix('22').id, plu: p, priceFen: null, grams } });
      expect(readWith(withCheck(`24${p}${pad(price, 5)}${pad(grams, 5)}`), byPrefix('24'))).toEqual({ ok: true, reading: { templateId: byPrefix('24').id, plu: p, priceFen: price, grams } });
    }));
  });

  it('never reads a code whose one digit was misread (property: the EAN check catches it)', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 99_999 }), fc.integer({ min: 1, max: 30_000 }), fc.integer({ min: 2, max: 12 }), fc.integer({ min: 1, max: 9 }), (plu, grams, pos, delta) => {
      const code = ean13(`22${pad(plu, 5)}${pad(grams, 5)}`);
      const wrong = code.slice(0, pos) + String((Number(code[pos]) + delta) % 10) + code.slice(pos + 1);
      expect(parseScaleCode(wrong, templates).ok).toBe(false);
    }));
  });
});

describe('templates a shop adds', () => {
  const draft = (over: Partial<TemplateDraft>): TemplateDraft => ({ ...BUILTIN_TEMPLATES[0]!, ...over });
  it('refuses prefixes outside 20–27, and 25–27 on long codes (Alipay)', () => {
    expect(templateProblem(draft({ prefix: '28' }))).toBe('prefix_range');
    expect(templateProblem(draft({ prefix: '29' }))).toBe('prefix_range');
    expect(templateProblem(draft({ prefix: '2' }))).toBe('prefix_range');
    expect(templateProblem(draft({ prefix: '19' }))).toBe('prefix_range');
    expect(templateProblem({ ...BUILTIN_TEMPLATES[4]!, prefix: '25' })).toBe('prefix_clash_alipay');
    expect(templateProblem(draft({ prefix: '27' }))).toBeNull();
  });
  it('refuses digits that do not add up to the length', () => {
    expect(templateProblem(draft({ pluDigits: 6 }))).toBe('digits_sum');
    expect(templateProblem(draft({ pluDigits: 6, priceDigits: 4 }))).toBeNull();
    expect(templateProblem(draft({ valueCheck: true }))).toBe('digits_sum');
    expect(templateProblem(draft({ valueCheck: true, priceDigits: 6, pluDigits: 3 }))).toBe('value_check_digits');
  });
  it('reads a 3-digit prefix with a 4-digit PLU', () => {
    const t: ScaleTemplate = { ...draft({ prefix: '271', pluDigits: 4 }), id: 9 };
    expect(templateProblem(t)).toBeNull();
    expect(parseScaleCode(ean13('271123401234'), [t])).toMatchObject({ ok: true, reading: { plu: '1234', priceFen: 1234 } });
  });
});

describe('weighed prices', () => {
  it('prices weight × unit price half up to the fen', () => {
    expect(weighedPriceFen(1250, 2580, 'kg')).toBe(3225); // 1.25 kg × ¥25.80 = ¥32.25
    expect(weighedPriceFen(333, 1999, 'kg')).toBe(666); // 665.667 -> 666
    expect(weighedPriceFen(1, 1500, 'kg')).toBe(2); // 1.5 fen -> 2 (half up)
    expect(weighedPriceFen(1, 1499, 'kg')).toBe(1);
    expect(weighedPriceFen(250, 398, '100g')).toBe(995); // 250 g at ¥3.98/100 g
  });
  it('never drifts: the price is within half a fen of the exact product (property)', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 1_000_000 }), fc.integer({ min: 0, max: 10_000_000 }), fc.constantFrom('kg' as const, '100g' as const), (g, p, per) => {
      const exact = (g * p) / (per === 'kg' ? 1000 : 100);
      const got = weighedPriceFen(g, p, per);
      expect(Number.isInteger(got)).toBe(true);
      expect(got - exact).toBeLessThanOrEqual(0.5);
      expect(exact - got).toBeLessThan(0.5);
    }));
  });
  it('shows the weight a price label implies', () => {
    expect(impliedGrams(3225, 2580, 'kg')).toBe(1250);
    expect(impliedGrams(100, 0, 'kg')).toBeNull();
    expect(perKgFen(398, '100g')).toBe(3980);
    expect(formatKg(1250)).toBe('1.250');
    expect(formatKg(5)).toBe('0.005');
  });
});

describe('PLU file', () => {
  it('writes the documented layout with a BOM, per-kg prices and safe cells', () => {
    const csv = pluCsv([
      { plu: '00012', name: '苹果', priceFen: 1280, per: 'kg', templateName: 'T', prefix: '22' },
      { plu: '00013', name: '=坚果, 散装', priceFen: 398, per: '100g', templateName: 'T', prefix: '22' },
    ]);
    expect(csv.startsWith('\uFEFFPLU,名称,单价(元/kg),条码模板,条码前缀\r\n')).toBe(true);
    expect(csv).toContain('00012,苹果,12.80,T,22\r\n');
    expect(csv).toContain(`00013,"'=坚果, 散装",39.80,T,22\r\n`);
  });
});

describe('payment codes', () => {
  it('tells WeChat Pay and Alipay codes by their ranges', () => {
    expect(classifyPaymentCode('134567890123456789')).toBe('wechat');
    expect(classifyPaymentCode('104567890123456789')).toBe('wechat');
    expect(classifyPaymentCode('164567890123456789')).toBeNull();
    expect(classifyPaymentCode('13456789012345678')).toBeNull(); // 17 digits
    expect(classifyPaymentCode('2812345678901234')).toBe('alipay'); // 16
    expect(classifyPaymentCode('301234567890123456789012')).toBe('alipay'); // 24
    expect(classifyPaymentCode('3012345678901234567890123')).toBeNull(); // 25
    expect(classifyPaymentCode('311234567890123456')).toBeNull();
    expect(classifyPaymentCode(ean13('280000000001'))).toBeNull(); // a coupon
    expect(classifyPaymentCode(ean13('290000000001'))).toBeNull(); // a member card
    expect(codeTail('134567890123456789')).toBe('6789');
  });
  it('never takes a shipped scale label for a payment code (property)', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 99_999 }), fc.integer({ min: 0, max: 99_999 }), fc.integer({ min: 1, max: 30_000 }), (plu, price, grams) => {
      expect(classifyPaymentCode(withCheck(`24${pad(plu, 5)}${pad(price, 5)}${pad(grams, 5)}`))).toBeNull();
      expect(classifyPaymentCode(ean13(`20${pad(plu, 5)}${pad(price, 5)}`))).toBeNull();
    }));
  });
});

describe('the preview in Settings', () => {
  it('splits a sample code into its parts and marks each check', async () => {
    const { explainCode, sampleCode } = await import('./explain.js');
    for (const t of BUILTIN_TEMPLATES) {
      const code = sampleCode(t);
      expect(code).toHaveLength(t.length);
      const { segments, result } = explainCode(code, t);
      expect(segments.map((s) => s.digits).join('')).toBe(code);
      expect(segments.every((s) => s.ok !== false)).toBe(true);
      expect(result).toMatchObject({ ok: true, reading: { plu: '00012' } });
    }
    const t = BUILTIN_TEMPLATES[0]!;
    const good = sampleCode(t);
    const wrong = good.slice(0, -1) + String((Number(good.at(-1)) + 1) % 10);
    const e = explainCode(wrong, t);
    expect(e.segments.at(-1)).toMatchObject({ part: 'check', ok: false, expected: good.at(-1) });
    expect(e.result).toMatchObject({ ok: false, reason: 'check_digit' });
    expect(explainCode('2000', t).result).toBeNull();
    expect(explainCode('2100012301234', t).segments[0]).toMatchObject({ part: 'prefix', ok: false });
  });
});
