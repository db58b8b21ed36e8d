import { useRef, useState } from 'react';
import { classifyPaymentCode, codeTail, type PaymentCodeMethod } from '../../../../shared/payment-codes.js';
import { notifyError } from '../../stores/notices.js';
import { useScanHandler } from '../checkout/scan-router.js';

/**
 * At the payment step a scan is a customer's payment code (付款码): WeChat Pay or Alipay by
 * its number range, paid for what is still due and marked 待核对 (the till has no provider;
 * README › Payment codes). Anything else scanned here is refused, and so is a code scanned a
 * second time for this sale (nothing is written).
 */
export function usePaymentCodeScan(onCode: (method: PaymentCodeMethod, code: string) => void, active = true) {
  const seen = useRef(new Set<string>());
  const [last, setLast] = useState<{ method: PaymentCodeMethod; tail: string } | null>(null);
  useScanHandler((code) => {
    const method = classifyPaymentCode(code);
    if (!method) return notifyError({ code: 'rule_violation', messageKey: 'payments.scan.notPaymentCode' });
    if (seen.current.has(code)) return notifyError({ code: 'conflict', messageKey: 'errors.payment_code_twice', details: { tail: codeTail(code) } });
    seen.current.add(code);
    setLast({ method, tail: codeTail(code) });
    onCode(method, code);
  }, active);
  return last;
}
