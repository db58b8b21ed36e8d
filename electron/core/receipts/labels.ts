import type { Locale } from '../../../shared/contract/common.js';
import type { PaymentMethod } from '../../../shared/contract/receipt.js';

/**
 * Words printed on receipts and shift reports. They live here, not in the renderer's i18n
 * files, because printing happens in the main process and must not depend on the page.
 * zh-CN words follow shared/glossary.md (the words cashiers already see on their tills).
 */
export interface PrintLabels {
  /** Between a label and its value on one line: full-width colon in Chinese. */
  sep: string;
  receiptNo: string;
  refund: string;
  refundOf: string;
  reprint: string;
  time: string;
  cashier: string;
  itemDiscount: string;
  subtotal: string;
  discount: string;
  /** Inside the discount: a coupon by name, and the points deduction (积分抵扣). */
  couponUsed: (name: string) => string;
  promotionUsed: (name: string) => string;
  pointsUsed: (points: number) => string;
  rounding: string;
  total: string;
  refundTotal: string;
  tendered: string;
  change: string;
  member: string;
  phone: string;
  tier: string;
  upgradedTo: (tier: string) => string;
  pointsEarned: string;
  pointsBalance: string;
  methods: Record<PaymentMethod, string>;
  // shift report (交班报表)
  shiftReport: string;
  shift: string;
  staff: string;
  openedAt: string;
  closedAt: string;
  stillOpen: string;
  openingFloat: string;
  salesCount: string;
  refundsCount: string;
  byMethod: string;
  sales: string;
  refunds: string;
  salesTotal: string;
  refundsTotal: string;
  topUps: string;
  expectedCash: string;
  countedCash: string;
  notCounted: string;
  difference: string;
  over: string;
  short: string;
  printedAt: string;
  signature: string;
}

const zhCN: PrintLabels = {
  sep: '：',
  receiptNo: '单号',
  refund: '退款',
  refundOf: '原单号',
  reprint: '重打小票',
  time: '时间',
  cashier: '收银员',
  itemDiscount: '折扣',
  subtotal: '小计',
  discount: '折扣',
  couponUsed: (name) => `优惠券 ${name}`,
  promotionUsed: (name) => `促销 ${name}`,
  pointsUsed: (points) => `${points}积分抵扣`,
  rounding: '抹零',
  total: '应收',
  refundTotal: '退款金额',
  tendered: '实收',
  change: '找零',
  member: '会员',
  phone: '手机',
  tier: '会员等级',
  upgradedTo: (tier) => `升级为 ${tier}`,
  pointsEarned: '获得积分',
  pointsBalance: '积分余额',
  methods: { cash: '现金', card: '银行卡', wechat: '微信支付', alipay: '支付宝', stored_value: '储值' },
  shiftReport: '交班报表',
  shift: '班次',
  staff: '收银员',
  openedAt: '开班',
  closedAt: '交班',
  stillOpen: '未交班',
  openingFloat: '备用金',
  salesCount: '销售笔数',
  refundsCount: '退款笔数',
  byMethod: '支付方式',
  sales: '销售',
  refunds: '退款',
  salesTotal: '销售合计',
  refundsTotal: '退款合计',
  topUps: '储值充值',
  expectedCash: '应有现金',
  countedCash: '实点现金',
  notCounted: '未清点',
  difference: '差额',
  over: '长款',
  short: '短款',
  printedAt: '打印时间',
  signature: '签字：',
};

const en: PrintLabels = {
  sep: ': ',
  receiptNo: 'Receipt No.',
  refund: 'REFUND',
  refundOf: 'Refund of',
  reprint: 'REPRINT',
  time: 'Time',
  cashier: 'Cashier',
  itemDiscount: 'Discount',
  subtotal: 'Subtotal',
  discount: 'Discount',
  couponUsed: (name) => `Coupon ${name}`,
  promotionUsed: (name) => `Promotion ${name}`,
  pointsUsed: (points) => `Points ${points}`,
  rounding: 'Rounding',
  total: 'TOTAL',
  refundTotal: 'REFUND TOTAL',
  tendered: 'Tendered',
  change: 'Change',
  member: 'Member',
  phone: 'Phone',
  tier: 'Tier',
  upgradedTo: (tier) => `Upgraded to ${tier}`,
  pointsEarned: 'Points earned',
  pointsBalance: 'Points balance',
  methods: { cash: 'Cash', card: 'Bank card', wechat: 'WeChat Pay', alipay: 'Alipay', stored_value: 'Stored value' },
  shiftReport: 'SHIFT REPORT',
  shift: 'Shift',
  staff: 'Cashier',
  openedAt: 'Opened',
  closedAt: 'Closed',
  stillOpen: 'still open',
  openingFloat: 'Opening float',
  salesCount: 'Sales',
  refundsCount: 'Refunds',
  byMethod: 'By payment method',
  sales: 'Sales',
  refunds: 'Refunds',
  salesTotal: 'Sales total',
  refundsTotal: 'Refunds total',
  topUps: 'Top-ups',
  expectedCash: 'Expected cash',
  countedCash: 'Counted cash',
  notCounted: 'not counted',
  difference: 'Difference',
  over: 'over',
  short: 'short',
  printedAt: 'Printed',
  signature: 'Signature:',
};

const tables: Record<Locale, PrintLabels> = { 'zh-CN': zhCN, en };

export function printLabels(locale: Locale): PrintLabels {
  return tables[locale];
}
