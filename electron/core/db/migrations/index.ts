import type { Migration } from './types.js';
import { m001Foundation } from './001-foundation.js';
import { m002Members } from './002-members.js';
import { m003CatalogueSales } from './003-catalogue-sales.js';
import { m004MemberStats } from './004-member-stats.js';
import { m005Ledgers } from './005-ledgers.js';
import { m006Rewards } from './006-rewards.js';
import { m007Complaints } from './007-complaints.js';
import { m008StatsSummaries } from './008-stats-summaries.js';
import { m009VisitLinks } from './009-visit-links.js';
import { m010Gifts } from './010-gifts.js';
import { m011VisitsDaily } from './011-visits-daily.js';
import { m012PinLockouts } from './012-pin-lockouts.js';
import { m013Sync } from './013-sync.js';
import { m014OfflineSpends } from './014-offline-spends.js';
import { m015OutboxSeq } from './015-outbox-seq.js';
import { m016Promotions } from './016-promotions.js';
import { m017Stock } from './017-stock.js';
import { m018StockUpkeep } from './018-stock-upkeep.js';
import { m019Branches } from './019-branches.js';
import { m020WeighedGoods } from './020-weighed-goods.js';
import { m021PaymentCodes } from './021-payment-codes.js';
import { m022StockToday } from './022-stock-today.js';
import { m023CheaperSummaries } from './023-cheaper-summaries.js';
import { m024StockLineCost } from './024-stock-line-cost.js';
import { m025VisitsWeekly } from './025-visits-weekly.js';
import { m026MembersEnrolledStatus } from './026-members-enrolled-status.js';

/** Every migration, in order. The last one's version is the schema this build expects. */
export const migrations: readonly Migration[] = [m001Foundation, m002Members, m003CatalogueSales, m004MemberStats, m005Ledgers, m006Rewards, m007Complaints, m008StatsSummaries, m009VisitLinks, m010Gifts, m011VisitsDaily, m012PinLockouts, m013Sync, m014OfflineSpends, m015OutboxSeq, m016Promotions, m017Stock, m018StockUpkeep, m019Branches, m020WeighedGoods, m021PaymentCodes, m022StockToday, m023CheaperSummaries, m024StockLineCost, m025VisitsWeekly, m026MembersEnrolledStatus];

export const LATEST_VERSION = migrations.at(-1)!.version;
