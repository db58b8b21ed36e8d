import { z } from 'zod';
import { call } from './define.js';
import { Base64File, Id, Label, LocalDate, Locale, page, PageInput, Text } from './common.js';
import { ImportReport } from './catalogue.js';

/**
 * Complaints (投诉), satisfaction answers (NPS) and the care task list (客户关怀 / 回访).
 * Channels, categories, severities, statuses, task kinds and outcomes cross the boundary as
 * stable codes; the UI translates them (built-in codes by i18n key, custom list entries by the
 * labels stored with them).
 */

export const BUILTIN_CHANNELS = ['in_store', 'phone', 'wechat', 'online', 'other'] as const;
export const BUILTIN_CATEGORIES = ['product', 'service', 'price', 'waiting', 'environment', 'other'] as const;
export const SEVERITIES = ['low', 'medium', 'high'] as const;
export const COMPLAINT_STATUSES = ['open', 'in_progress', 'resolved', 'closed'] as const;
export const CARE_KINDS = ['birthday', 'win_back', 'at_risk', 'complaint_follow_up', 'welcome_back'] as const;
export const CARE_OUTCOMES = ['called', 'no_answer', 'coupon_sent', 'declined'] as const;

/** A list code: lower-case letters, digits and underscores, starting with a letter. */
export const ListCode = z.string().trim().regex(/^[a-z][a-z0-9_]{0,31}$/, 'code_format');
export const Severity = z.enum(SEVERITIES);
export const ComplaintStatus = z.enum(COMPLAINT_STATUSES);
export const CareKind = z.enum(CARE_KINDS);
export const CareOutcome = z.enum(CARE_OUTCOMES);

export const ListEntry = z.object({
  code: ListCode,
  labels: z.object({ 'zh-CN': Label(20), en: Label(30) }).strict(),
  /** Inactive entries are hidden from the log form but still valid in history and imports. */
  active: z.boolean().default(true),
}).strict();
export const ComplaintLists = z.object({
  channels: z.array(ListEntry.extend({ builtin: z.boolean() })),
  categories: z.array(ListEntry.extend({ builtin: z.boolean() })),
  severities: z.array(Severity),
});
export type ComplaintLists = z.infer<typeof ComplaintLists>;

export const Complaint = z.object({
  id: Id,
  loggedAt: z.string(),
  channel: z.string(),
  category: z.string(),
  severity: Severity,
  description: z.string(),
  memberId: z.number().int().nullable(),
  memberName: z.string().nullable(),
  maskedPhone: z.string().nullable(),
  saleId: z.number().int().nullable(),
  receiptNo: z.string().nullable(),
  status: ComplaintStatus,
  assigneeId: z.number().int().nullable(),
  assigneeName: z.string().nullable(),
  resolution: z.string(),
  followUpOn: z.string().nullable(),
  satisfaction: z.number().int().nullable(),
  resolvedAt: z.string().nullable(),
  closedAt: z.string().nullable(),
  createdBy: z.number().int().nullable(),
  createdByName: z.string().nullable(),
  source: z.enum(['till', 'import']),
  /** Follow-up date passed while still open or in progress. */
  overdue: z.boolean(),
});
export type Complaint = z.infer<typeof Complaint>;

export const ComplaintEvent = z.object({
  id: Id,
  at: z.string(),
  staffId: z.number().int().nullable(),
  staffName: z.string().nullable(),
  kind: z.enum(['logged', 'imported', 'status', 'assignee', 'resolution', 'follow_up', 'satisfaction', 'note', 'compensation']),
  from: z.string().nullable(),
  to: z.string().nullable(),
  note: z.string(),
});
export type ComplaintEvent = z.infer<typeof ComplaintEvent>;

export const ComplaintDetail = Complaint.extend({ timeline: z.array(ComplaintEvent) });
export type ComplaintDetail = z.infer<typeof ComplaintDetail>;

const Description = Text(500).min(1);
const Satisfaction = z.number().int().min(1).max(5);
const Rating = z.number().int().min(1).max(5).nullable().default(null);

export const ComplaintFilter = z.object({
  status: ComplaintStatus.optional(),
  category: ListCode.optional(),
  severity: Severity.optional(),
  channel: ListCode.optional(),
  memberId: Id.optional(),
  from: LocalDate.optional(),
  to: LocalDate.optional(),
  /** Only complaints whose follow-up date has passed while unresolved. */
  overdueOnly: z.boolean().default(false),
}).strict();

export const Compensation = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('points'), points: z.number().int().min(1).max(1_000_000) }).strict(),
  z.object({ kind: z.literal('stored_value'), fen: z.number().int().min(1).max(10_000_000) }).strict(),
  z.object({ kind: z.literal('coupon'), templateId: Id }).strict(),
]);
export type Compensation = z.infer<typeof Compensation>;

export const Feedback = z.object({
  id: Id,
  answeredAt: z.string(),
  score: z.number().int(),
  comment: z.string(),
  memberId: z.number().int().nullable(),
  memberName: z.string().nullable(),
  saleId: z.number().int().nullable(),
  receiptNo: z.string().nullable(),
  ratings: z.object({ service: z.number().int().nullable(), product: z.number().int().nullable(), price: z.number().int().nullable() }),
  staffName: z.string().nullable(),
  source: z.enum(['till', 'import']),
});
export type Feedback = z.infer<typeof Feedback>;

export const FeedbackSummary = z.object({
  answers: z.number().int(),
  promoters: z.number().int(),
  passives: z.number().int(),
  detractors: z.number().int(),
  /** % of 9–10 minus % of 0–6, rounded; null without answers. */
  nps: z.number().int().min(-100).max(100).nullable(),
  averageScore: z.number().nullable(),
  averageRatings: z.object({ service: z.number().nullable(), product: z.number().nullable(), price: z.number().nullable() }),
});
export type FeedbackSummary = z.infer<typeof FeedbackSummary>;

const CsvUpload = z.object({ fileBase64: Base64File(40_000_000) }).strict();

export const complaintsContract = {
  /** 登记投诉 at the counter in seconds: category and a line of text are all that is needed. */
  'complaints.log': call({
    access: 'cashier',
    input: z.object({
      channel: ListCode.default('in_store'),
      category: ListCode,
      severity: Severity.default('medium'),
      description: Description,
      memberId: Id.nullable().default(null),
      saleId: Id.nullable().default(null),
    }).strict(),
    output: ComplaintDetail,
  }),
  /** Overdue follow-ups first, then unresolved by severity and age, then the rest newest first. Cashiers see their own. */
  'complaints.list': call({
    access: 'cashier',
    input: PageInput.extend({ filter: ComplaintFilter.default({ overdueOnly: false }) }).strict(),
    output: page(Complaint),
  }),
  'complaints.get': call({ access: 'cashier', input: z.object({ id: Id }).strict(), output: ComplaintDetail }),
  /**
   * Handling: status (open → in_progress → resolved → closed; open → resolved directly;
   * reopen resolved/closed → in_progress), assignee, note, resolution, follow-up date,
   * satisfaction. Each change is a timeline entry with who and when.
   */
  'complaints.update': call({
    access: 'manager',
    input: z.object({
      id: Id,
      status: ComplaintStatus.optional(),
      assigneeId: Id.nullable().optional(),
      note: Text(500).optional(),
      resolution: Text(500).optional(),
      followUpOn: LocalDate.nullable().optional(),
      satisfaction: Satisfaction.nullable().optional(),
    }).strict(),
    output: ComplaintDetail,
  }),
  /** Points, stored value (as bonus) or a coupon for the complaint's member, through their ledgers; audited. */
  'complaints.compensate': call({
    access: 'manager',
    input: z.object({ id: Id, compensation: Compensation, reason: Text(200).default('') }).strict(),
    output: ComplaintDetail,
  }),
  'complaints.settings': call({ access: 'cashier', input: z.object({}).strict(), output: ComplaintLists }),
  /** Replaces the channel and/or category list. Built-in codes stay (they may be deactivated). */
  'complaints.setSettings': call({
    access: 'owner',
    input: z.object({ channels: z.array(ListEntry).min(1).max(30).optional(), categories: z.array(ListEntry).min(1).max(30).optional() }).strict(),
    output: ComplaintLists,
  }),
  /** Root causes (分析投诉数据): complaints per category per week (from Monday) or month, over [from, to]. */
  'complaints.byCategory': call({
    access: 'manager',
    input: z.object({ from: LocalDate, to: LocalDate, bucket: z.enum(['week', 'month']).default('month') }).strict(),
    output: z.object({
      periods: z.array(z.object({ period: z.string(), total: z.number().int(), byCategory: z.record(z.string(), z.number().int()) })),
      totals: z.record(z.string(), z.number().int()),
      total: z.number().int(),
    }),
  }),
  /** CSV `logged_at,member_phone,channel,category,severity,description,status,resolved_at`, UTF-8 or GBK, base64. */
  'complaints.importCsv': call({ access: 'manager', input: CsvUpload, output: ImportReport }),

  /** "How likely are you to recommend us?" 0–10 after a sale, with optional comment and 1–5 ratings. */
  'feedback.record': call({
    access: 'cashier',
    input: z.object({
      score: z.number().int().min(0).max(10),
      comment: Text(500).default(''),
      memberId: Id.nullable().default(null),
      saleId: Id.nullable().default(null),
      ratings: z.object({ service: Rating, product: Rating, price: Rating }).strict().default({ service: null, product: null, price: null }),
    }).strict(),
    output: Feedback,
  }),
  'feedback.list': call({
    access: 'manager',
    input: PageInput.extend({ from: LocalDate.optional(), to: LocalDate.optional(), memberId: Id.optional() }).strict(),
    output: page(Feedback).extend({ summary: FeedbackSummary }),
  }),
  /** CSV `answered_at,member_phone,score,comment`, UTF-8 or GBK, base64. */
  'feedback.importCsv': call({ access: 'manager', input: CsvUpload, output: ImportReport }),
};

export const CareRules = z.object({
  /** Lapsed (流失) = last sale more than this many days ago; at risk = between half of it and it. */
  lapseDays: z.number().int().min(2).max(3650),
  /** Win-back only chases members lapsed for at most this many days (older ones are lost). */
  winBackMaxDays: z.number().int().min(2).max(3650),
  /** Win-back spend bar in fen; null = the top quartile of spend among member customers. */
  winBackMinSpendFen: z.number().int().min(0).max(1_000_000_000).nullable(),
  /** Birthdays from today to this many days ahead. */
  birthdayDaysAhead: z.number().int().min(0).max(31),
  /** Welcome back: first sale this many days ago and no second one. */
  welcomeBackDays: z.number().int().min(1).max(90),
  enabled: z.object({
    birthday: z.boolean(), win_back: z.boolean(), at_risk: z.boolean(), complaint_follow_up: z.boolean(), welcome_back: z.boolean(),
  }).strict(),
}).strict();
export type CareRules = z.infer<typeof CareRules>;

export const CareTask = z.object({
  id: Id,
  kind: CareKind,
  memberId: z.number().int().nullable(),
  memberName: z.string().nullable(),
  maskedPhone: z.string().nullable(),
  complaintId: z.number().int().nullable(),
  dueOn: z.string(),
  generatedOn: z.string(),
  status: z.enum(['open', 'done', 'dropped']),
  outcome: CareOutcome.nullable(),
  doneBy: z.string().nullable(),
  doneAt: z.string().nullable(),
  note: z.string(),
  /** Why the task exists: birthday, lastSaleOn, spendFen, firstSaleOn, category, severity. */
  details: z.record(z.string(), z.union([z.string(), z.number(), z.null()])),
});
export type CareTask = z.infer<typeof CareTask>;

const GenerateResult = z.object({
  created: z.number().int(),
  byKind: z.record(z.string(), z.number().int()),
  /** Open tasks that no longer apply (the member came back, the complaint was closed, …). */
  dropped: z.number().int(),
});

export const careContract = {
  /** Open tasks (today's list, birthdays of the coming week included), by kind, paged. */
  'care.tasks': call({
    access: 'cashier',
    input: PageInput.extend({ kind: CareKind.optional(), status: z.enum(['open', 'done']).default('open') }).strict(),
    output: page(CareTask).extend({ byKind: z.record(z.string(), z.number().int()) }),
  }),
  /** Generates today's tasks now (it also runs at the first start of each day). Idempotent. */
  'care.generate': call({ access: 'manager', input: z.object({}).strict(), output: GenerateResult }),
  'care.complete': call({
    access: 'cashier',
    input: z.object({ id: Id, outcome: CareOutcome, note: Text(200).default('') }).strict(),
    output: CareTask,
  }),
  /** Open tasks as a CSV call list. Phones are masked; `fullPhones` (managers only, audited) shows them whole. */
  'care.callList': call({
    access: 'cashier',
    input: z.object({
      kind: CareKind.optional(),
      fullPhones: z.boolean().default(false),
      locale: Locale.optional(),
      limit: z.number().int().min(1).max(5000).default(1000),
    }).strict(),
    output: z.object({ csv: z.string(), rows: z.number().int() }),
  }),
  /**
   * Issue a birthday or win-back coupon to every member of the open list in one action;
   * their tasks are marked done with the outcome `coupon_sent`.
   */
  'care.issueCoupons': call({
    access: 'manager',
    input: z.object({ kind: z.enum(['birthday', 'win_back']), templateId: Id }).strict(),
    output: z.object({ issued: z.number().int() }),
  }),
  'care.settings': call({ access: 'manager', input: z.object({}).strict(), output: CareRules }),
  'care.setSettings': call({ access: 'owner', input: CareRules.partial().strict(), output: CareRules }),
};
