import type { PartialHandlers } from '../dispatch/dispatcher.js';
import type { PaymentCodes } from './payment-codes.js';

export function paymentCodeHandlers(codes: PaymentCodes): PartialHandlers<'paymentCodes.list' | 'paymentCodes.importStatement'> {
  return {
    'paymentCodes.list': ({ shiftId }) => codes.list(shiftId),
    'paymentCodes.importStatement': ({ fileBase64, shiftId }, ctx) => codes.importStatement(new Uint8Array(Buffer.from(fileBase64, 'base64')), shiftId, ctx.session!.staffId),
  };
}
