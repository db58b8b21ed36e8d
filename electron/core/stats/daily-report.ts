import type { Database } from '../db/open.js';
import type { DailyReport, Headline } from '../../../shared/contract/stats.js';
import type { OfflineExposure } from '../../../shared/contract/sync.js';
import type { Locale } from '../../../shared/contract/common.js';
import { fenToYuanString } from '../../../shared/money.js';
import { addDays } from '../lib/dates.js';

/**
 * 日结: one day's figures for the owner after closing — the headline figures plus how the
 * money came in (payment methods, top-ups), who sold and what sold. One data shape feeds the
 * receipt printer, the CSV and the PDF, through `reportSections`.
 */
export function createDailyReportData(db: Database) {
  const payments = db.prepare<{ day: string }, { method: string; amount: number; n: number }>(
    `SELECT p.method, sum(p.amount_fen) AS amount, count(*) AS n FROM sales s JOIN sale_payments p ON p.sale_id = s.id
     WHERE s.business_date = @day GROUP BY p.method ORDER BY amount DESC`);
  const topups = db.prepare<{ day: string }, { n: number; principal: number; bonus: number }>(
    'SELECT count(*) AS n, coalesce(sum(amount_fen), 0) AS principal, coalesce(sum(bonus_fen), 0) AS bonus FROM topups WHERE business_date = @day');
  const byStaff = db.prepare<{ day: string }, { staff: string | null; sales: number; revenue: number }>(
    `SELECT st.name AS staff, sum(s.kind = 'sale') AS sales, sum(s.total_fen) AS revenue FROM sales s LEFT JOIN staff st ON st.id = s.staff_id
     WHERE s.business_date = @day GROUP BY s.staff_id ORDER BY revenue DESC`);
  const topProducts = db.prepare<{ day: string }, { name: string; qty: number; revenue: number }>(
    `SELECT l.name, sum(l.qty) AS qty, sum(l.total_fen) AS revenue FROM sales s JOIN sale_lines l ON l.sale_id = s.id
     WHERE s.business_date = @day GROUP BY coalesce(l.product_id, l.name) ORDER BY revenue DESC, qty DESC LIMIT 10`);
  const complaints = db.prepare<{ from: string; toNext: string }, { category: string; n: number }>(
    'SELECT category, count(*) AS n FROM complaints WHERE logged_at >= @from AND logged_at < @toNext GROUP BY category ORDER BY n DESC');

  return {
    build(day: string, shopName: string, headline: Headline, offline: DailyReport['offline'] = null): DailyReport {
      return {
        offline,
        day, shopName, headline,
        payments: payments.all({ day }).map((p) => ({ method: p.method, amountFen: p.amount, count: p.n })),
        topups: (({ n, principal, bonus }) => ({ count: n, principalFen: principal, bonusFen: bonus }))(topups.get({ day })!),
        byStaff: byStaff.all({ day }).map((r) => ({ staff: r.staff ?? '—', sales: r.sales, revenueFen: r.revenue })),
        topProducts: topProducts.all({ day }).map((r) => ({ name: r.name, qty: r.qty, revenueFen: r.revenue })),
        complaintsByCategory: Object.fromEntries(complaints.all({ from: day, toNext: addDays(day, 1) }).map((c) => [c.category, c.n])),
      };
    },
  };
}

const LABELS = {
  'zh-CN': {
    title: '日结报表', day: '营业日', overview: '营业概况', revenue: '营业额', sales: '销售笔数', refunds: '退款笔数', averageTicket: '客单价',
    memberRevenue: '会员消费', memberShare: '会员消费占比', activeMembers: '到店会员', newMembers: '新增会员', repeatRate: '复购率',
    complaints: '投诉', complaintRate: '投诉率', nps: '净推荐值 NPS', npsResponses: '评价数', points: '积分', pointsEarned: '发放积分',
    pointsRedeemed: '抵扣积分', pointsExpired: '过期积分', pointsOutstanding: '积分余额', pointsLiability: '积分负债',
    payments: '收款方式', topups: '储值充值', topupCount: '充值笔数', principal: '充值本金', bonus: '赠送金额', staff: '收银员业绩',
    products: '热销商品', byCategory: '投诉分类', none: '无',
    offline: '离线消费（店铺服务器）', offlineDay: '当天离线消费', offlineOpen: '待服务器确认', overdrafts: '未处理的透支',
    offlineValue: (x: OfflineExposure, money: (fen: number) => string) => `${x.sales} 笔 · 储值 ${money(x.storedValueFen)} · 积分 ${x.points} · 券 ${x.coupons} · 次卡 ${x.cardUses}`,
    methods: { cash: '现金', card: '银行卡', wechat: '微信支付', alipay: '支付宝', stored_value: '储值卡' } as Record<string, string>,
  },
  en: {
    title: 'Daily report', day: 'Business day', overview: 'Overview', revenue: 'Revenue', sales: 'Sales', refunds: 'Refunds', averageTicket: 'Average ticket',
    memberRevenue: 'Member revenue', memberShare: 'Member share', activeMembers: 'Active members', newMembers: 'New members', repeatRate: 'Repeat rate',
    complaints: 'Complaints', complaintRate: 'Complaint rate', nps: 'NPS', npsResponses: 'Responses', points: 'Points', pointsEarned: 'Earned',
    pointsRedeemed: 'Redeemed', pointsExpired: 'Expired', pointsOutstanding: 'Outstanding', pointsLiability: 'Liability',
    payments: 'Payments', topups: 'Top-ups', topupCount: 'Top-ups', principal: 'Principal', bonus: 'Bonus', staff: 'By cashier',
    products: 'Best sellers', byCategory: 'Complaints by category', none: 'none',
    offline: 'Spent offline (shop server)', offlineDay: 'Offline that day', offlineOpen: 'Not yet confirmed', overdrafts: 'Open overdrafts',
    offlineValue: (x: OfflineExposure, money: (fen: number) => string) => `${x.sales} sales · stored value ${money(x.storedValueFen)} · ${x.points} points · ${x.coupons} coupons · ${x.cardUses} card uses`,
    methods: { cash: 'Cash', card: 'Card', wechat: 'WeChat Pay', alipay: 'Alipay', stored_value: 'Stored value' } as Record<string, string>,
  },
};

export interface ReportSection { title: string; rows: Array<[string, string]> }

const yuanText = (fen: number) => `${fen < 0 ? '-' : ''}¥${fenToYuanString(Math.abs(fen))}`;
const pct = (r: number | null) => (r === null ? '—' : `${(r * 100).toFixed(1)}%`);

/** The report as titled sections of label/value rows, in the shop's language. */
export function reportSections(r: DailyReport, locale: Locale, categoryLabel: (code: string) => string, money: (fen: number) => string = yuanText): { title: string; sections: ReportSection[] } {
  const t = LABELS[locale];
  const h = r.headline;
  const sections: ReportSection[] = [
    {
      title: t.overview,
      rows: [
        [t.day, r.day], [t.revenue, money(h.revenueFen)], [t.sales, String(h.sales)], [t.refunds, String(h.refunds)],
        [t.averageTicket, h.averageTicketFen === null ? '—' : money(h.averageTicketFen)], [t.memberRevenue, money(h.memberRevenueFen)],
        [t.memberShare, pct(h.memberShare)], [t.activeMembers, String(h.activeMembers)], [t.newMembers, String(h.newMembers)],
        [t.repeatRate, pct(h.repeatRate)], [t.complaints, String(h.complaints)], [t.complaintRate, pct(h.complaintRate)],
        [t.nps, h.nps === null ? '—' : String(h.nps)], [t.npsResponses, String(h.npsResponses)],
      ],
    },
    { title: t.payments, rows: r.payments.length ? r.payments.map((p) => [`${t.methods[p.method] ?? p.method} ×${p.count}`, money(p.amountFen)]) : [[t.none, '']] },
    { title: t.topups, rows: [[t.topupCount, String(r.topups.count)], [t.principal, money(r.topups.principalFen)], [t.bonus, money(r.topups.bonusFen)]] },
    {
      title: t.points,
      rows: [[t.pointsEarned, String(h.pointsEarned)], [t.pointsRedeemed, String(h.pointsRedeemed)], [t.pointsExpired, String(h.pointsExpired)],
        [t.pointsOutstanding, String(h.pointsOutstanding)], [t.pointsLiability, money(h.pointsLiabilityFen)]],
    },
    { title: t.staff, rows: r.byStaff.length ? r.byStaff.map((s) => [`${s.staff} ×${s.sales}`, money(s.revenueFen)]) : [[t.none, '']] },
    { title: t.products, rows: r.topProducts.length ? r.topProducts.map((p) => [`${p.name} ×${p.qty}`, money(p.revenueFen)]) : [[t.none, '']] },
    {
      title: t.byCategory,
      rows: Object.keys(r.complaintsByCategory).length ? Object.entries(r.complaintsByCategory).map(([c, n]) => [categoryLabel(c), String(n)]) : [[t.none, '']],
    },
  ];
  if (r.offline) {
    sections.push({ title: t.offline, rows: [
      [t.offlineDay, t.offlineValue(r.offline.thatDay, money)], [t.offlineOpen, t.offlineValue(r.offline.unconfirmed, money)], [t.overdrafts, String(r.offline.openOverdrafts)],
    ] });
  }
  return { title: `${r.shopName} ${t.title}`, sections };
}
