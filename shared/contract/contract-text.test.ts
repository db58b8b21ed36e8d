import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { contract, type Method } from './index.js';
import { CONTROL_CHARS } from './common.js';

/**
 * Every text field of every call's input, found by walking the zod schemas, is either
 * cleaned of invisible characters (free text), refused with them (identifiers), or held to a
 * pattern that admits none. A new call with a bare z.string() fails here until it picks one.
 */
interface Leaf { method: Method; path: string; schema: z.ZodType }

/** PINs are compared with their hash and never stored or shown; a wrong one must count as a wrong PIN, not as bad input. */
const EXEMPT = /(^|\.)(pin|currentPin)$/;

function leaves(method: Method, schema: z.ZodType, path: string, out: Leaf[]): void {
  const def = (schema as unknown as { _zod: { def: Record<string, unknown> & { type: string } } })._zod.def;
  const walk = (s: unknown, p: string) => leaves(method, s as z.ZodType, p, out);
  switch (def.type) {
    case 'string': out.push({ method, path, schema }); break;
    case 'object': for (const [k, v] of Object.entries(def.shape as Record<string, unknown>)) walk(v, path ? `${path}.${k}` : k); break;
    case 'array': walk(def.element, `${path}[]`); break;
    case 'union': (def.options as unknown[]).forEach((o, i) => walk(o, `${path}|${i}`)); break;
    case 'optional': case 'nullable': case 'default': case 'prefault': case 'readonly': case 'catch': walk(def.innerType, path); break;
    case 'pipe': walk(def.in, path); break;
    case 'record': walk(def.valueType, `${path}{}`); break;
    default: break; // numbers, booleans, enums, literals: no text
  }
}

const all: Leaf[] = [];
for (const method of Object.keys(contract) as Method[]) leaves(method, contract[method].input, '', all);

const BASE = 'abcd1234';
const DIRTY = '\u202Eab\u0000cd\u200B12\u206634\uFEFF';

type Kind = 'line' | 'text' | 'refused' | 'pattern' | 'keeps controls';
function kindOf(schema: z.ZodType): Kind {
  if (!schema.safeParse(BASE).success) return schema.safeParse(DIRTY).success ? 'keeps controls' : 'pattern';
  const r = schema.safeParse(DIRTY);
  if (!r.success) {
    if (r.error.issues.some((i) => i.message === CONTROL_CHARS)) return 'refused';
    return r.error.issues.some((i) => i.code === 'invalid_format') ? 'pattern' : 'keeps controls';
  }
  if (r.data !== BASE) return 'keeps controls';
  const lines = schema.safeParse('ab\ncd');
  return lines.success && lines.data === 'ab\ncd' ? 'text' : 'line';
}

const kinds = new Map(all.map((l) => [`${l.method} ${l.path}`, kindOf(l.schema)]));

describe('text in the contract', () => {
  it('finds the text fields (the walk reaches nested objects, arrays and unions)', () => {
    expect(all.length).toBeGreaterThan(60);
    expect(kinds.get('sales.get |1.receiptNo')).toBe('line');
    expect(kinds.get('complaints.setSettings channels[].labels.zh-CN')).toBe('line');
    expect(kinds.get('complaints.log category')).toBe('pattern');
  });

  it('every input string is cleaned, refused or held to a pattern', () => {
    const bad = [...kinds].filter(([key, kind]) => kind === 'keeps controls' && !EXEMPT.test(key.split(' ')[1]!)).map(([key]) => key);
    expect(bad).toEqual([]);
  });

  it('names, labels and searches are one line; notes, reasons, complaints and the receipt header keep their line breaks', () => {
    const expectKind = (kind: Kind, keys: string[]) => expect(Object.fromEntries(keys.map((k) => [k, kinds.get(k)]))).toEqual(Object.fromEntries(keys.map((k) => [k, kind])));
    expectKind('line', [
      'members.enrol name', 'members.update name', 'members.enrol tags[]', 'staff.create name', 'staff.update name', 'shop.setup shopName',
      'shop.setup owner.name', 'settings.update shopName', 'products.save name', 'products.save categoryName', 'tiers.save name',
      'tiers.save birthdayPerk', 'gifts.save name', 'coupons.saveTemplate name', 'countCards.saveType name', 'held.hold label',
      'products.search query', 'members.find query', 'products.byCode code', 'coupons.check code',
    ]);
    expectKind('text', [
      'shop.setup receiptHeader', 'settings.update receiptHeader', 'settings.update receiptFooter', 'complaints.log description',
      'complaints.update note', 'complaints.update resolution', 'members.enrol note', 'members.update note', 'members.erase reason',
      'feedback.record comment', 'care.complete note', 'sales.refund reason', 'points.adjust reason', 'gifts.restock reason',
    ]);
    expectKind('refused', [
      'products.save sku', 'products.save barcodes[]', 'members.enrol phone', 'members.update phone', 'sales.commit clientRef',
      'backup.setSettings extraDir', 'devices.setConfig printer|2.path',
    ]);
  });

  it('stores a member enrolled as "张\\u0000三\\u202E" as "张三", and a note keeps its line break only', () => {
    const input = contract['members.enrol'].input.parse({ phone: '13800138000', name: '张\u0000三\u202E', note: ' 爱喝\u200B可乐\r\n周末来\u0007 ' });
    expect(input.name).toBe('张三');
    expect(input.note).toBe('爱喝可乐\n周末来');
  });

  it('turns tabs and line breaks in a name into spaces, keeps emoji joiners, and refuses a name that was only invisible', () => {
    const staff = contract['staff.create'].input;
    expect(staff.parse({ name: '\t李\n店长 ', role: 'manager', pin: '1234' }).name).toBe('李 店长');
    expect(staff.parse({ name: '店长👨\u200D👩\u200D👧', role: 'manager', pin: '1234' }).name).toBe('店长👨\u200D👩\u200D👧');
    const empty = staff.safeParse({ name: '\u202E\u0000\u200B', role: 'manager', pin: '1234' });
    expect(empty.success).toBe(false);
    expect(empty.error?.issues[0]).toMatchObject({ path: ['name'], code: 'too_small' });
  });

  it('refuses a SKU with a hidden character with the typed control_chars issue', () => {
    const r = contract['products.save'].input.safeParse({ sku: 'KL\u200B330', name: '可乐', priceFen: 300 });
    expect(r.success).toBe(false);
    expect(r.error?.issues).toEqual([expect.objectContaining({ path: ['sku'], code: 'custom', message: CONTROL_CHARS })]);
  });

  it('counts the length after cleaning', () => {
    expect(contract['staff.create'].input.safeParse({ name: `${'王'.repeat(20)}\u200B\u200B`, role: 'cashier', pin: '1234' }).success).toBe(true);
  });
});
