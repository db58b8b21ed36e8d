/**
 * Complaints as a shop logs and handles them: through the complaints service, each taken up,
 * resolved and closed over the following days (the generator's clock moved to each step).
 */
import type { Random } from '../../electron/core/lib/random.js';
import type { createCore } from '../../electron/core/app.js';
import { DAY_CLOSE } from './plan.js';

const COMPLAINT_TEXT: Record<string, string[]> = {
  product: ['牛奶过期了', '包装破损', '饼干受潮', '买到的饮料没有气'],
  service: ['收银员态度不好', '找零时不耐烦', '没有主动问会员'],
  price: ['价签和收银价格不一致', '促销价没有生效'],
  waiting: ['排队太久', '只开了一个收银台'],
  environment: ['地面湿滑', '冷柜不够冷'],
  other: ['停车不方便', '希望增加商品种类'],
};

type Complaints = ReturnType<typeof createCore>['services']['complaints'];

/** The generator's clock: what `now()` answers, moved by the generator as its days go by. */
export interface SimClock { t: Date; now(): Date }

export interface ComplaintContext {
  complaints: Complaints;
  clock: SimClock;
  managerId: number;
  lastDayIdx: number;
  /** The local time of business day d at secs past midnight. */
  at(d: number, secs: number): Date;
}

export function logComplaint(ctx: ComplaintContext, r: Random, d: number, secs: number, memberId: number | null, saleId: number, staffId: number): void {
  const { complaints, clock } = ctx;
  const category = r.pick(Object.keys(COMPLAINT_TEXT));
  const c = complaints.log({
    channel: r.pick(['in_store', 'in_store', 'in_store', 'phone', 'wechat', 'online']), category,
    severity: r.pick(['low', 'low', 'medium', 'medium', 'high'] as const), description: r.pick(COMPLAINT_TEXT[category]!), memberId, saleId,
  }, staffId);
  const saved = clock.t;
  const steps: Array<[number, Parameters<Complaints['update']>[0]]> = [
    [1, { id: c.id, status: 'in_progress', assigneeId: ctx.managerId }],
    [3, { id: c.id, resolution: '已致歉并退换', status: 'resolved', satisfaction: r.int(2, 5) }],
    [10, { id: c.id, status: 'closed' }],
  ];
  for (const [after, change] of steps) {
    if (d + after > ctx.lastDayIdx || r.chance(0.1)) break;
    clock.t = ctx.at(d + after, Math.min(DAY_CLOSE, secs + 600));
    complaints.update(change, ctx.managerId);
  }
  clock.t = saved;
}
