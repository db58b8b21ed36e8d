import type { Database } from '../db/open.js';
import type { Clock } from '../lib/clock.js';
import type { AuditLog } from '../audit/audit-log.js';
import type { CatalogueService } from '../catalogue/catalogue-service.js';
import type { SettingsStore } from '../shop/settings-store.js';
import type { WeightReading } from '../../../shared/scale/weight-string.js';
import { createScaleTemplates } from './templates.js';
import { createWeighedProducts } from './weighed-products.js';
import { createScaleLines } from './scale-lines.js';
import { createPluExport } from './plu-export.js';
import { createScaleStation, type ScaleDeviceFactory } from './scale-station.js';

/** Weighed goods (称重商品): templates, products by weight, weighed lines, the PLU file and the till's serial scale. */
export function createWeighing(deps: {
  db: Database; clock: Clock; audit: AuditLog; catalogue: CatalogueService; settings: SettingsStore; dataDir: string | null;
  scaleFactory: ScaleDeviceFactory | null; onReading: (r: WeightReading | null) => void;
}) {
  const { db, clock, audit, catalogue, settings } = deps;
  const templates = createScaleTemplates(db, clock, audit);
  const weighed = createWeighedProducts(db, clock, audit);
  const station = createScaleStation(settings, deps.scaleFactory, deps.onReading);
  const lines = createScaleLines({ db, catalogue, templates, weighed, scaleMaxGrams: () => station.config().maxGrams });
  const plu = createPluExport(db, deps.dataDir);
  return { templates, weighed, lines, plu, station };
}
export type Weighing = ReturnType<typeof createWeighing>;
