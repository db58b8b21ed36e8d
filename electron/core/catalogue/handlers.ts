import type { PartialHandlers } from '../dispatch/dispatcher.js';
import type { CatalogueService } from './catalogue-service.js';
import { DomainError } from '../lib/domain-error.js';

export function catalogueHandlers(catalogue: CatalogueService): PartialHandlers<
  'products.byCode' | 'products.search' | 'products.list' | 'products.get' | 'products.save' | 'categories.list' | 'products.importCsv' | 'products.exportCsv'
> {
  return {
    'products.byCode': ({ code }) => catalogue.byCode(code),
    'products.search': ({ query, limit }) => catalogue.search(query, limit),
    'products.list': (q) => catalogue.list(q),
    'products.get': ({ id }) => catalogue.get(id),
    'products.save': (input, ctx) => catalogue.save(input, ctx.session!.staffId),
    'categories.list': () => catalogue.categories(),
    'products.importCsv': ({ fileBase64 }, ctx) => {
      if (!/^[A-Za-z0-9+/]*={0,2}$/.test(fileBase64)) throw new DomainError('bad_input', { field: 'fileBase64' });
      return catalogue.importCsv(Buffer.from(fileBase64, 'base64'), ctx.session!.staffId);
    },
    'products.exportCsv': () => catalogue.exportCsv(),
  };
}
