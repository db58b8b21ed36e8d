import type { PartialHandlers } from '../dispatch/dispatcher.js';
import type { Weighing } from './index.js';

type WeighingMethod = 'scale.templates' | 'scale.saveTemplate' | 'scale.weighedProducts' | 'scale.setWeighed' | 'scale.readLabel' | 'scale.priceWeight'
  | 'scale.pluCsv' | 'scale.config' | 'scale.setConfig' | 'scale.reading';

export function weighingHandlers(w: Weighing): PartialHandlers<WeighingMethod> {
  return {
    'scale.templates': () => w.templates.list(),
    'scale.saveTemplate': (input, ctx) => w.templates.save(input, ctx.session!.staffId),
    'scale.weighedProducts': ({ offset, limit }) => w.weighed.list(offset, limit),
    'scale.setWeighed': (input, ctx) => w.weighed.set(input, ctx.session!.staffId),
    'scale.readLabel': ({ code }) => w.lines.readLabel(code),
    'scale.priceWeight': ({ productId, grams }) => w.lines.priceWeight(productId, grams),
    'scale.pluCsv': () => { w.plu.refreshIfChanged(); return { ...w.plu.csv(), file: w.plu.file }; },
    'scale.config': () => w.station.config(),
    'scale.setConfig': (input) => w.station.setConfig(input),
    'scale.reading': () => w.station.reading(),
  };
}
