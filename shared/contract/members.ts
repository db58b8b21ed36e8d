import { z } from 'zod';
import { call } from './define.js';
import { Base64File, ClientRef, Id, Ident, Label, Line, LocalDate, PageInput, Text, page } from './common.js';
import { ImportReport } from './catalogue.js';

/** Birthday as typed: `MM-DD` or `YYYY-MM-DD` (the year is optional in China's card forms). */
export const Birthday = z.string().regex(/^(\d{4}-)?(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, 'birthday_format');
export const Gender = z.enum(['male', 'female']);
export const Tag = Label(20);

export const TierInfo = z.object({
  id: Id,
  name: z.string(),
  rank: z.number().int(),
  pricePct: z.number().int(),
  pointsPct: z.number().int(),
  birthdayPerk: z.string(),
});

/** What the cashier sees when a member is attached: phone masked, enough to serve them. */
export const MemberCard = z.object({
  id: Id,
  cardNo: z.string(),
  maskedPhone: z.string(),
  name: z.string(),
  status: z.enum(['active', 'frozen', 'erased', 'merged']),
  tier: TierInfo,
  /** Birthday falls within the coming 7 days (or today). */
  birthdaySoon: z.boolean(),
  birthdayToday: z.boolean(),
  points: z.number().int(),
  storedValueFen: z.number().int(),
  spendFen: z.number().int(),
  visits: z.number().int(),
  lastVisit: z.string().nullable(),
});
export type MemberCard = z.infer<typeof MemberCard>;

export const MemberProfile = MemberCard.extend({
  birthday: z.string().nullable(), // MM-DD or YYYY-MM-DD
  gender: Gender.nullable(),
  tags: z.array(z.string()),
  note: z.string(),
  consent: z.boolean(),
  enrolledAt: z.string(),
  referrer: z.object({ id: Id, name: z.string(), maskedPhone: z.string() }).nullable(),
  referrals: z.number().int(),
  paidTier: z.object({ name: z.string(), until: z.string() }).nullable(),
  /** Next tier up and what is still missing to reach it (spend in its window). */
  nextTier: z.object({ name: z.string(), spendNeededFen: z.number().int(), salesNeeded: z.number().int() }).nullable(),
  tierHistory: z.array(z.object({ at: z.string(), from: z.string().nullable(), to: z.string(), reason: z.string() })),
  mergedInto: z.number().int().nullable(),
});
export type MemberProfile = z.infer<typeof MemberProfile>;

export const Tier = TierInfo.extend({
  minSpendFen: z.number().int(),
  minSales: z.number().int(),
  windowMonths: z.number().int().nullable(),
  qualifyMode: z.enum(['all', 'any']),
  feeFen: z.number().int().nullable(),
  feeMonths: z.number().int().nullable(),
  active: z.boolean(),
  members: z.number().int(),
});
export type Tier = z.infer<typeof Tier>;

const EnrolFields = {
  name: Line(20).default(''),
  birthday: Birthday.nullable().default(null),
  gender: Gender.nullable().default(null),
  tags: z.array(Tag).max(10).default([]),
  note: Text(200).default(''),
  consent: z.boolean().default(false),
};

export const MemberListRow = z.object({
  id: Id, cardNo: z.string(), maskedPhone: z.string(), name: z.string(), tier: z.string(), status: z.string(),
  spendFen: z.number().int(), visits: z.number().int(), lastVisit: z.string().nullable(), enrolledAt: z.string(), birthday: z.string().nullable(),
});

export const MemberFilter = z.object({
  tierId: Id.optional(),
  tag: Tag.optional(),
  birthdayMonth: z.number().int().min(1).max(12).optional(),
  lastVisitFrom: LocalDate.optional(),
  lastVisitTo: LocalDate.optional(),
  minSpendFen: z.number().int().min(0).optional(),
  maxSpendFen: z.number().int().min(0).optional(),
  status: z.enum(['active', 'frozen', 'erased', 'merged']).optional(),
  sort: z.enum(['recent', 'spend', 'lastVisit', 'name']).default('recent'),
}).strict();

export const membersContract = {
  /** 快速开卡: phone is all that is required. */
  'members.enrol': call({
    access: 'cashier',
    input: z.object({ phone: Ident(20).min(1), referrerId: Id.nullable().default(null), ...EnrolFields }).strict(),
    output: MemberProfile,
  }),
  /**
   * One box, one keystroke: 11 digits = phone, 4 digits = last four of the phone (a short
   * list), a card number (scan), or a name.
   */
  'members.find': call({
    access: 'cashier',
    input: z.object({ query: Line(40).min(1), limit: z.number().int().min(1).max(50).default(20) }).strict(),
    output: z.object({
      by: z.enum(['phone', 'last4', 'card', 'name', 'none']),
      members: z.array(MemberCard),
      /**
       * A branch till of a chain that found nobody here asked the server (electron/core/sync/member-fetch.ts):
       * fetched (the members are now here), none, too_many (more digits), or offline (a member
       * never seen at this branch cannot be found until the server answers again).
       */
      remote: z.enum(['fetched', 'none', 'too_many', 'offline']).optional(),
    }),
  }),
  'members.card': call({ access: 'cashier', input: z.object({ id: Id }).strict(), output: MemberCard }),
  'members.profile': call({ access: 'cashier', input: z.object({ id: Id }).strict(), output: MemberProfile }),
  /** Shows the full phone to a manager; every reveal is audited. */
  /** Prints the member card (card number as a barcode) on the receipt printer. */
  'members.printCard': call({ access: 'cashier', input: z.object({ id: Id }).strict(), output: z.object({ printJobId: Id }) }),
  'members.revealPhone': call({ access: 'manager', input: z.object({ id: Id }).strict(), output: z.object({ phone: z.string() }) }),
  'members.update': call({
    access: 'cashier',
    input: z.object({
      id: Id,
      phone: Ident(20).min(1).optional(),
      name: Line(20).optional(),
      birthday: Birthday.nullable().optional(),
      gender: Gender.nullable().optional(),
      tags: z.array(Tag).max(10).optional(),
      note: Text(200).optional(),
      consent: z.boolean().optional(),
    }).strict(),
    output: MemberProfile,
  }),
  'members.setStatus': call({ access: 'manager', input: z.object({ id: Id, status: z.enum(['active', 'frozen']), reason: Text(200).default('') }).strict(), output: MemberProfile }),
  /** Two cards of one person: history, points and balances move to `keepId`. */
  'members.merge': call({ access: 'manager', input: z.object({ keepId: Id, mergeId: Id }).strict(), output: MemberProfile }),
  /** Erase on request: personal fields anonymised, sales kept for the books. */
  'members.erase': call({ access: 'owner', input: z.object({ id: Id, reason: Text(200).min(1) }).strict(), output: z.object({}) }),
  'members.list': call({ access: 'manager', input: PageInput.extend({ filter: MemberFilter.default({ sort: 'recent' }) }).strict(), output: page(MemberListRow) }),
  'members.history': call({
    access: 'cashier',
    input: PageInput.extend({ id: Id }).strict(),
    output: page(z.object({ saleId: Id, receiptNo: z.string(), kind: z.enum(['sale', 'refund']), soldAt: z.string(), totalFen: z.number().int(), items: z.string() })),
  }),
  /** CSV `phone,name,card_no,birthday,gender,enrolled_at,tier,points,stored_value,tags,note` (UTF-8 or GBK), base64. */
  'members.importCsv': call({ access: 'manager', input: z.object({ fileBase64: Base64File(80_000_000) }).strict(), output: ImportReport }),
  'members.exportCsv': call({ access: 'owner', input: z.object({}).strict(), output: z.object({ csv: z.string(), rows: z.number().int() }) }),
  'members.tags': call({ access: 'cashier', input: z.object({}).strict(), output: z.array(z.object({ tag: z.string(), members: z.number().int() })) }),

  'tiers.list': call({ access: 'cashier', input: z.object({}).strict(), output: z.array(Tier) }),
  'tiers.save': call({
    access: 'owner',
    input: z.object({
      id: Id.optional(),
      name: Label(20),
      rank: z.number().int().min(0).max(20),
      minSpendFen: z.number().int().min(0).max(1_000_000_000).default(0),
      minSales: z.number().int().min(0).max(100_000).default(0),
      windowMonths: z.number().int().min(1).max(120).nullable().default(12),
      qualifyMode: z.enum(['all', 'any']).default('all'),
      pricePct: z.number().int().min(1).max(100).default(100),
      pointsPct: z.number().int().min(0).max(1000).default(100),
      birthdayPerk: Line(60).default(''),
      feeFen: z.number().int().min(0).max(100_000_000).nullable().default(null),
      feeMonths: z.number().int().min(1).max(120).nullable().default(null),
      active: z.boolean().default(true),
    }).strict(),
    output: Tier,
  }),
  /** Re-evaluate every member's tier now (also runs at the first start of each day). */
  /**
   * 付费会员: the member pays the tier's fee (a sale of one fee line, so it is revenue and
   * goes through the shift) and holds the tier for its term, extending a running term.
   */
  'tiers.purchase': call({
    access: 'cashier',
    input: z.object({
      memberId: Id,
      tierId: Id,
      method: z.enum(['cash', 'card', 'wechat', 'alipay']),
      tenderedFen: z.number().int().min(0).max(100_000_000).nullable().default(null),
      clientRef: ClientRef,
    }).strict(),
    output: z.object({ receiptNo: z.string(), paidUntil: z.string(), changeFen: z.number().int(), profile: MemberProfile }),
  }),
  'tiers.reevaluate': call({ access: 'owner', input: z.object({}).strict(), output: z.object({ upgraded: z.number().int(), downgraded: z.number().int(), expired: z.number().int() }) }),
};
