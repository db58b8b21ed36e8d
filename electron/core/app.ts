import fs from 'node:fs';
import path from 'node:path';
import { openDatabase, schemaVersion, DB_FILE_NAME, type Database } from './db/open.js';
import { localDateTime, systemClock, type Clock } from './lib/clock.js';
import { markInUse } from './backup/in-use-marker.js';
import { createAuditLog } from './audit/audit-log.js';
import { createSettingsStore } from './shop/settings-store.js';
import { createStaffService } from './staff/staff-service.js';
import { createShopService } from './shop/shop-service.js';
import { createDemoSetup, DEMO_STAFF } from './demo/demo-setup.js';
import { createSessionStore, type SessionStore } from './dispatch/sessions.js';
import { createDispatcher, joinHandlers, type Logger } from './dispatch/dispatcher.js';
import { staffHandlers } from './staff/handlers.js';
import { shopHandlers } from './shop/handlers.js';
import { demoHandlers } from './demo/handlers.js';
import { systemHandlers } from './system/handlers.js';
import type { DeviceHub } from './system/devices-status.js';
import { createDeviceSettings, deviceHandlers } from './system/device-handlers.js';
import { createDeviceHub } from '../devices/device-hub.js';
import { createPoleDisplay } from '../devices/pole-display.js';
import { systemPrinterDriver } from '../devices/os-printer-driver.js';
import { drawerJob } from './receipts/jobs.js';
import { cplFor } from './receipts/markup.js';
import { APP_VERSION } from './version.js';
import { exportAll } from './backup/export-all.js';
import { createCatalogueService } from './catalogue/catalogue-service.js';
import { catalogueHandlers } from './catalogue/handlers.js';
import { createCheckoutRules } from './checkout/rules.js';
import { createShifts } from './till/shifts.js';
import { createSaleViews } from './checkout/sale-view.js';
import { createHeldOrders } from './checkout/held-orders.js';
import { createCheckoutService } from './checkout/checkout-service.js';
import { createReceiptData } from './checkout/receipt-data.js';
import { checkoutHandlers } from './checkout/handlers.js';
import { createPrintQueue } from './print/print-queue.js';
import { createJobRenderer, receiptPreviewer, testPage } from './print/job-renderer.js';
import { createEventBus, type EventBus } from './lib/event-bus.js';
import { createCounter, type CounterPorts } from './counter/counter.js';
import type { StorageFault } from './db/storage-faults.js';
import { createTiers } from './members/tiers.js';
import { createMembersService, type MemberBalances } from './members/members-service.js';
import { memberHandlers } from './members/handlers.js';
import { membershipHandlers } from './membership/handlers.js';
import { createMembersCsv } from './members/members-csv.js';
import { createRewardsRules } from './rewards/rules.js';
import { createPoints } from './rewards/points.js';
import { createDailyJobs } from './rewards/daily.js';
import { rewardsHandlers } from './rewards/handlers.js';
import { createStoredValue } from './rewards/stored-value.js';
import { createTopUps } from './rewards/topups.js';
import { storedValueHandlers } from './rewards/stored-value-handlers.js';
import { createCoupons } from './rewards/coupons.js';
import { couponHandlers } from './rewards/coupon-handlers.js';
import { createCountCards } from './rewards/count-cards.js';
import { countCardHandlers } from './rewards/count-card-handlers.js';
import { createGifts } from './rewards/gifts.js';
import { giftHandlers } from './rewards/gift-handlers.js';
import { createPromotions } from './promotions/promotions-service.js';
import { promotionHandlers } from './promotions/handlers.js';
import { createComplaintLists } from './complaints/lists.js';
import { createComplaintsService } from './complaints/complaints-service.js';
import { createFeedbackService } from './complaints/feedback-service.js';
import { createLedgerCompensation, type CompensationPort } from './complaints/compensation.js';
import { complaintHandlers } from './complaints/handlers.js';
import { createCareService } from './care/care-service.js';
import { careHandlers } from './care/handlers.js';
import { createStatsService } from './stats/stats-service.js';
import { statsHandlers, refDay } from './stats/handlers.js';
import { createBackups } from './backup/backups.js';
import { checkDataDir } from './backup/start-checks.js';
import { backupHandlers } from './backup/handlers.js';
import { createSyncService, type SyncTransport } from './sync/sync-service.js';
import { connectTill } from './sync/connect.js';
import { syncHandlers } from './sync/handlers.js';
import { createSpendGuard } from './sync/spend-guard.js';
import { createOfflineCaps } from './sync/offline-caps.js';
import { createMemberMerge } from './membership/merge-duplicate.js';
import { createStock } from './stock/index.js';
import { stockHandlers } from './stock/handlers.js';
import { withBranches } from './branches/handlers.js';
import { createBranchPrices } from './branches/branch-prices.js';
import { createMemberFetch } from './sync/member-fetch.js';
import { createWeighing } from './weighing/index.js';
import { createLineWeights } from './weighing/line-weights.js';
import { weighingHandlers } from './weighing/handlers.js';
import type { ScaleDeviceFactory } from './weighing/scale-station.js';
import { SerialScale } from '../devices/serial-scale.js';
import { createPaymentCodes } from './payments/payment-codes.js';
import { paymentCodeHandlers } from './payments/handlers.js';

export interface CoreOptions {
  dataDir: string;
  clock?: Clock;
  nativeBinding?: string;
  synchronous?: 'FULL' | 'NORMAL';
  /** The counter hardware; the real one (network/serial printers, serial scanner) by default. */
  devices?: DeviceHub;
  checkOutputs?: boolean;
  logger?: Logger;
  /** Daily and on-quit backups (on by default; test cores that do not test them turn them off). */
  autoBackup?: boolean;
  /** Kept across a reopen of the database (see resilient-core.ts): signed-in staff stay signed in. */
  sessions?: SessionStore;
  events?: EventBus;
  /** Told of storage faults met by calls (the resilient core reopens the database after I/O errors). */
  onStorageFault?: (fault: StorageFault) => void;
  /** How the till reaches its shop server once paired (pinned HTTPS by default). */
  syncConnect?: (p: { url: string; fingerprint: string; token: string }) => SyncTransport;
  /** Run the push/pull loop in the background once paired (on by default; tests drive rounds themselves). */
  syncLoop?: boolean;
  /**
   * The shop server's member-jobs till (electron/host/member-jobs-till.ts): it runs the member
   * jobs although it is paired. Every other paired till leaves them to the server.
   */
  memberJobsTill?: boolean;
  /** How long a spend of a shared balance waits for the shop server before counting as offline. */
  spendDeadlineMs?: number;
  /** The customer display's devices: pole display, screens (desktop app), OS printer list. */
  counter?: Partial<CounterPorts>;
  /** The serial scale (称重) behind a port path; the real serial one by default, null for none. */
  scale?: ScaleDeviceFactory | null;
}

/**
 * The composition root of the domain core: opens the shop database, builds the services
 * and the one dispatcher that every transport (Electron IPC, browser host, CLI) calls.
 * Plain Node: nothing here imports electron.
 */
export function createCore(options: CoreOptions) {
  fs.mkdirSync(options.dataDir, { recursive: true });
  const dbFile = path.join(options.dataDir, DB_FILE_NAME);
  checkDataDir(options.dataDir, dbFile);
  const db: Database = openDatabase(dbFile, {
    ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
    ...(options.synchronous ? { synchronous: options.synchronous } : {}),
  });
  const clock = options.clock ?? systemClock;
  // First, before any service: it wraps db.transaction so each transaction's last outbox entry is marked.
  const sync = createSyncService({
    db, clock, connect: options.syncConnect ?? connectTill,
    ...(options.spendDeadlineMs ? { spendDeadlineMs: options.spendDeadlineMs } : {}),
    // Both read services made further down, only once the till is running.
    shopSetUp: () => shop.isSetUp(),
    onChange: () => events.publish({ type: 'sync.status', status: sync.status() }),
  });
  // Tells an offline restore (pos restore) that this shop is open, until shutdown/close.
  const releaseInUse = markInUse(options.dataDir, localDateTime(clock.now()));
  const audit = createAuditLog(db, clock);
  const settings = createSettingsStore(db);
  const offlineCaps = createOfflineCaps(settings);
  const spendGuard = createSpendGuard({ db, clock, link: sync, caps: () => offlineCaps.get() });
  sync.onAcknowledged((seq) => spendGuard.confirmUpTo(seq));
  const staff = createStaffService(db, clock, audit);
  const shop = createShopService(db, settings, staff, audit);
  const demo = createDemoSetup(db, clock, shop, staff, audit);
  const sessions = options.sessions ?? createSessionStore();
  const events = options.events ?? createEventBus();
  const catalogue = createCatalogueService(db, clock, audit);
  const tiers = createTiers(db, clock, audit);
  const balanceRow = db.prepare<[number], { points: number; stored: number }>('SELECT points, principal_fen + bonus_fen AS stored FROM member_balances WHERE member_id = ?');
  const balances: MemberBalances = { of: (id) => { const b = balanceRow.get(id); return { points: b?.points ?? 0, storedValueFen: b?.stored ?? 0 }; } };
  const membersCsv = createMembersCsv(db, clock, audit, tiers);
  const rewardsRules = createRewardsRules(settings);
  const points = createPoints(db, clock, audit, rewardsRules);
  const coupons = createCoupons(db, clock, audit);
  const countCards = createCountCards(db, clock, audit);
  const care = createCareService(db, clock, audit, settings, (templateId, memberIds, reason, staffId) => coupons.issue(templateId, memberIds, reason, staffId));
  const daily = createDailyJobs({
    db, clock, points, rules: rewardsRules, coupons,
    lastRun: { get: () => settings.get<string | null>('daily.lastRun', null), set: (day) => settings.set('daily.lastRun', day) },
    // Members are the chain's (issue 15): a paired till leaves their jobs to the server's
    // member-jobs till, so they run once and reach every till as facts. A till on its own runs them.
    memberJobs: () => (options.memberJobsTill || !sync.status().paired ? 'this_till' : 'server'),
    memberExtra: [() => void countCards.expireAll()],
    // Behind serving, after the points write-off that createDailyJobs runs first.
    sliced: [() => tiers.reevaluateSteps()],
    extraSliced: options.memberJobsTill ? [] : [() => care.generateSteps(null)],
  });
  const complaintLists = createComplaintLists(db, audit, settings);
  const compensation: CompensationPort = {
    ...createLedgerCompensation(db, clock),
    coupon: (memberId, templateId, staffId, reason, complaintId) => void coupons.issue(templateId, [memberId], 'complaint', staffId, { note: `complaint #${complaintId}${reason ? `: ${reason}` : ''}` }),
    // Points go through the points ledger so they expire by the shop's rule like any others.
    points: (memberId, n, staffId, reason, complaintId) => points.post(memberId, n, 'compensation', { staffId, note: `complaint #${complaintId}${reason ? `: ${reason}` : ''}` }),
  };
  const complaints = createComplaintsService(db, clock, audit, complaintLists, compensation);
  const feedback = createFeedbackService(db, clock);
  const members = createMembersService(db, clock, audit, tiers, balances);
  const rules = createCheckoutRules(settings);
  const shifts = createShifts(db, clock, audit, () => shop.settings().shopName);
  const sales = createSaleViews(db);
  const held = createHeldOrders(db, clock);
  const receiptData = createReceiptData(db, shop, sales, { points: (id) => points.summary(id), countCards: (id) => countCards.usedBy(id) });
  const deviceConfig = createDeviceSettings(settings);
  const hub = options.devices ?? createDeviceHub();
  hub.apply(deviceConfig.get());
  hub.onStatus((s) => events.publish({ type: 'devices.status', ...s }));
  hub.onScan((code) => events.publish({ type: 'scanner.code', code }));
  const jobSettings = () => {
    const { paperWidth, openDrawerOnCash } = deviceConfig.get().printer;
    return { paperWidth, openDrawerOnCash, locale: shop.settings().locale };
  };
  const storedValue = createStoredValue(db, clock, audit, settings);
  const counter = createCounter({ settings, audit, events, topUpRules: () => storedValue.rules(), ports: { pole: options.counter?.pole ?? createPoleDisplay(), screens: options.counter?.screens ?? null, picker: options.counter?.picker ?? null, printers: options.counter?.printers ?? systemPrinterDriver() }, logger: options.logger });
  const print = createPrintQueue(db, clock, () => hub.printer(), () => createJobRenderer({
    receiptData, shiftReport: (id) => shifts.report(id), topUp: (id) => topUps.receipt(id), settings: jobSettings,
    dailyReport: (ref) => stats.dailyReportMarkup(refDay(ref), cplFor(jobSettings().paperWidth)),
    memberCard: (id) => { const c = members.card(id); return { shopName: shop.settings().shopName, cardNo: c.cardNo, name: c.name, maskedPhone: c.maskedPhone, tier: c.tier.name }; },
    giftSlip: (id) => gifts.slip(id, shop.settings().shopName),
  }), (job) => events.publish({ type: 'print.job', job }));
  const gifts = createGifts({ db, clock, audit, points, print, spends: spendGuard });
  const topUps = createTopUps({ db, clock, shifts, print, tiers, storedValue, shopName: () => shop.settings().shopName });
  const logger = options.logger ?? { error: (m: string, e?: unknown) => console.error(m, e) };
  const backups = createBackups({
    db, dbFile, dataDir: options.dataDir, clock, settings, audit, appVersion: APP_VERSION, logger, nativeBinding: options.nativeBinding,
    isSetUp: () => shop.isSetUp(),
    afterRestore: () => { sessions.closeAll(); hub.apply(deviceConfig.get()); },
  });
  sync.setMemberMerge(createMemberMerge({ db, members, points, storedValue }));
  const promotions = createPromotions({ db, clock, audit });
  const stock = createStock(db, clock, audit);
  const weighing = createWeighing({
    db, clock, audit, catalogue, settings, dataDir: options.dataDir,
    scaleFactory: options.scale === undefined ? (c) => new SerialScale(c) : options.scale,
    onReading: (reading) => events.publish({ type: 'scale.weight', reading }),
  });
  weighing.station.start();
  const paymentCodes = createPaymentCodes(db, clock, audit, shifts);
  const checkout = createCheckoutService({
    db, clock, audit, staff, catalogue, rules, shifts, sales, print, tiers, drawerOnCash: () => deviceConfig.get().printer.openDrawerOnCash, points, rewardsRules, storedValue, coupons, countCards, spends: spendGuard, promotions, stock: stock.ledger,
    weighing: { lines: weighing.lines, weights: createLineWeights(db) }, paymentCodes,
  });

  const stats = createStatsService({
    db, clock,
    rules: () => ({ lapseDays: care.rules().lapseDays, redeemPointsPerYuan: rewardsRules.get().redeemPointsPerYuan }),
    highValueSpendFen: () => care.topQuartileSpend(),
    shop: () => shop.settings(),
    categoryLabel: (code, locale) => complaintLists.label('categories', code, locale),
    offline: (day) => spendGuard.daily(day),
  });

  // A branch till of a chain (issue 15): set-up from head office, members fetched on demand, per-branch prices.
  const memberFetch = createMemberFetch({ db, clock, sync });
  // A lookup whose answer was lost is asked again once the server answers pushes again.
  sync.onAcknowledged(() => void memberFetch.retryLost().catch(() => {}));
  const handlers = withBranches(joinHandlers(
    shopHandlers(shop, DEMO_STAFF, APP_VERSION),
    demoHandlers(demo),
    staffHandlers(staff, sessions, audit),
    catalogueHandlers(catalogue),
    memberHandlers(db, members, tiers, membersCsv, audit, print),
    membershipHandlers(db, members, tiers, { points, rules: rewardsRules, storedValue }, checkout),
    rewardsHandlers({ points, rules: rewardsRules, daily, audit, members }),
    storedValueHandlers({ storedValue, topUps, audit, members, tiers }),
    complaintHandlers({ db, clock, audit, complaints, feedback, lists: complaintLists }),
    careHandlers(care),
    statsHandlers(stats, print),
    syncHandlers({ db, clock, audit, sync, shopSetUp: () => shop.isSetUp(), guard: spendGuard, caps: offlineCaps }),
    couponHandlers({ coupons, members }),
    countCardHandlers({ countCards, members }),
    giftHandlers({ gifts, members }),
    promotionHandlers({ promotions, clock }),
    stockHandlers(stock),
    counter.handlers,
    weighingHandlers(weighing),
    paymentCodeHandlers(paymentCodes),
    checkoutHandlers({ checkout, rules, shifts, sales, held, print, audit, receiptData, previewer: receiptPreviewer(jobSettings), paperWidth: () => jobSettings().paperWidth }),
    deviceHandlers({ hub, config: deviceConfig, audit, testPage: () => testPage(shop.settings().shopName, jobSettings()), drawer: drawerJob }),
    backupHandlers({ backups, audit, clock, exportAll: () => exportAll({ db, products: () => catalogue.exportCsv(), members: () => membersCsv.exportCsv() }) }),
    systemHandlers(audit, hub, () => ({
      version: APP_VERSION, dataDir: options.dataDir, dbFile, schemaVersion: schemaVersion(db),
    })),
  ), { db, members, memberFetch, prices: createBranchPrices(db, clock, audit) });
  // Expiry, birthday bonuses and tier re-evaluation run at the first start of each day, and
  // hourly after that so a till left on past midnight catches up. A failing job is logged,
  // never a reason for the till not to open.
  const autoBackup = options.autoBackup ?? true;
  const runDaily = () => {
    // The member jobs run on the server when paired (see memberJobs above); the care list, a
    // shop's follow-up list, on the first till only, as before.
    try {
      const s = sync.status();
      // The member-jobs till runs them when the server says (after it has caught up with the feed).
      if (!options.memberJobsTill && (!s.paired || s.tillCode === 'T1')) daily.startIfNewDay((err) => logger.error('daily jobs failed', err));
    } catch (err) { logger.error('daily jobs failed', err); }
    if (autoBackup) backups.runIfNewDay().catch((err: unknown) => logger.error('daily backup failed', err));
  };
  runDaily();
  const dailyTimer = setInterval(runDaily, 60 * 60 * 1000);
  dailyTimer.unref();
  if (options.syncLoop ?? true) sync.start();

  const refreshPlu = () => { try { weighing.plu.refreshIfChanged(); } catch (err) { logger.error('PLU file not written', err); } };
  refreshPlu();
  const dispatcher = createDispatcher(handlers, sessions, {
    checkOutputs: options.checkOutputs ?? true,
    ...(options.logger ? { logger: options.logger } : {}),
    ...(options.onStorageFault ? { onStorageFault: options.onStorageFault } : {}),
    // A change made here (a sale, a member, a top-up) goes to the shop server right away.
    // The PLU file follows any change of the weighed products' prices, whoever made it.
    afterCall: () => { sync.nudge(); refreshPlu(); },
  });

  return {
    dispatcher,
    events,
    db,
    dbFile,
    services: { counter, backups, audit, settings, staff, shop, demo, sessions, catalogue, rules, shifts, sales, held, print, checkout, tiers, members, membersCsv, hub, deviceConfig, points, rewardsRules, daily, storedValue, topUps, complaintLists, complaints, feedback, care, clock, coupons, countCards, gifts, stats, sync, stock, weighing, paymentCodes },
    /** Waits for print jobs under way, releases the hardware, closes the database. */
    async shutdown(): Promise<void> {
      clearInterval(dailyTimer);
      await sync.stop();
      await daily.stop();
      await print.idle();
      await backups.idle();
      if (autoBackup && db.open && shop.isSetUp()) await backups.run('quit').catch((err: unknown) => logger.error('backup on quit failed', err));
      await hub.close();
      await counter.close();
      await weighing.station.close();
      if (db.open) db.close();
      releaseInUse();
    },
    close(): void {
      clearInterval(dailyTimer);
      void sync.stop();
      void daily.stop(); // the next slice sees it before touching the database
      void hub.close();
      void counter.close();
      void weighing.station.close();
      if (db.open) db.close();
      releaseInUse();
    },
  };
}
export type Core = ReturnType<typeof createCore>;
