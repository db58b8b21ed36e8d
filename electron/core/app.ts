import fs from 'node:fs';
import path from 'node:path';
import { openDatabase, schemaVersion, DB_FILE_NAME, type Database } from './db/open.js';
import { systemClock, type Clock } from './lib/clock.js';
import { createAuditLog } from './audit/audit-log.js';
import { createSettingsStore } from './shop/settings-store.js';
import { createStaffService } from './staff/staff-service.js';
import { createShopService } from './shop/shop-service.js';
import { createDemoSetup } from './demo/demo-setup.js';
import { createSessionStore } from './dispatch/sessions.js';
import { createDispatcher, joinHandlers, type Logger } from './dispatch/dispatcher.js';
import { staffHandlers } from './staff/handlers.js';
import { shopHandlers } from './shop/handlers.js';
import { systemHandlers } from './system/handlers.js';
import { noDevices, type DeviceStatusSource } from './system/devices-status.js';
import { APP_VERSION } from './version.js';

export interface CoreOptions {
  dataDir: string;
  clock?: Clock;
  nativeBinding?: string;
  synchronous?: 'FULL' | 'NORMAL';
  devices?: DeviceStatusSource;
  checkOutputs?: boolean;
  logger?: Logger;
}

/**
 * The composition root of the domain core: opens the shop database, builds the services
 * and the one dispatcher that every transport (Electron IPC, browser host, CLI) calls.
 * Plain Node: nothing here imports electron.
 */
export function createCore(options: CoreOptions) {
  fs.mkdirSync(options.dataDir, { recursive: true });
  const dbFile = path.join(options.dataDir, DB_FILE_NAME);
  const db: Database = openDatabase(dbFile, {
    ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
    ...(options.synchronous ? { synchronous: options.synchronous } : {}),
  });
  const clock = options.clock ?? systemClock;
  const audit = createAuditLog(db, clock);
  const settings = createSettingsStore(db);
  const staff = createStaffService(db, clock, audit);
  const shop = createShopService(db, settings, staff, audit);
  const demo = createDemoSetup(db, clock, shop, staff, audit);
  const sessions = createSessionStore();

  const handlers = joinHandlers(
    shopHandlers(shop, demo, APP_VERSION),
    staffHandlers(staff, sessions, audit),
    systemHandlers(audit, options.devices ?? noDevices, () => ({
      version: APP_VERSION, dataDir: options.dataDir, dbFile, schemaVersion: schemaVersion(db),
    })),
  );
  const dispatcher = createDispatcher(handlers, sessions, {
    checkOutputs: options.checkOutputs ?? true,
    ...(options.logger ? { logger: options.logger } : {}),
  });

  return {
    dispatcher,
    db,
    dbFile,
    services: { audit, settings, staff, shop, demo, sessions },
    close(): void {
      if (db.open) db.close();
    },
  };
}
export type Core = ReturnType<typeof createCore>;
