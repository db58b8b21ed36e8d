import type { PartialHandlers } from '../dispatch/dispatcher.js';
import type { CatalogueService } from './catalogue-service.js';

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
    // The contract's Base64File schema has already refused anything but base64.
    'products.importCsv': ({ fileBase64 }, ctx) => catalogue.importCsv(Buffer.from(fileBase64, 'base64'), ctx.session!.staffId),
    'products.exportCsv': () => catalogue.exportCsv(),
  };
}
