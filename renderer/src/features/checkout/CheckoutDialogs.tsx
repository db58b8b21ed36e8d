import { useTranslation } from 'react-i18next';
import { Modal } from '../../components/Modal.js';
import { focusLater } from '../../components/focus.js';
import { ApprovalDialog } from './ApprovalDialog.js';
import { CountCardsDialog } from './CountCardsDialog.js';
import { CouponsDialog } from './CouponsDialog.js';
import { EnrolDialog } from './EnrolDialog.js';
import { HoldDialog, ResumeDialog } from './HeldDialogs.js';
import { LineEditDialog } from './LineEditDialog.js';
import { PaymentDialog } from './PaymentDialog.js';
import { PointsDialog } from './PointsDialog.js';
import { SEARCH_INPUT_ID } from './ProductSearch.js';
import { ReceiptPreviewDialog } from './ReceiptPreviewDialog.js';
import { RefundDialog } from './RefundDialog.js';
import { CloseShiftDialog } from './ShiftDialogs.js';
import { TopUpDialog } from './TopUpDialog.js';
import { cardUsesInCart, type PricedSale } from './model/cart.js';
import { useCart, useTill } from './store.js';
import type { PageDialog, SetDialog } from './till-data.js';
import type { MemberWiring } from './useMemberWiring.js';
import { WeighDialog } from '../weighing/WeighDialog.js';
import type { SaleFlow } from './useSaleFlow.js';

/** The till's dialogs, one at a time (plus a manager's approval over any of them). */
export function CheckoutDialogs(p: {
  dialog: PageDialog | null; setDialog: SetDialog; sale: PricedSale | null; itemCount: number; isManager: boolean;
  printerSet: boolean; money: (fen: number) => string; flow: SaleFlow; member: MemberWiring;
}) {
  const { t } = useTranslation();
  const cart = useCart();
  const till = useTill();
  const { dialog, setDialog, sale, itemCount, isManager, printerSet, money, flow, member } = p;
  const closeDialog = () => setDialog(null);
  const lineInDialog = dialog?.kind === 'line' ? cart.lines.find((l) => l.key === dialog.key) : undefined;
  const ask = flow.ask;

  return (
    <>
      {dialog?.kind === 'line' && lineInDialog && sale ? (
        <LineEditDialog
          line={lineInDialog}
          rules={sale.rules}
          limitPct={till.rules?.maxCashierDiscountPct ?? 0}
          needsManager={!isManager}
          focus={dialog.focus}
          onSave={(terms, beyond) => flow.saveLine(lineInDialog.key, terms, beyond)}
          onClose={closeDialog}
        />
      ) : null}
      {dialog?.kind === 'pay' && sale ? <PaymentDialog dueFen={sale.cart.totalFen} itemCount={itemCount} storedValueFen={cart.member && cart.member.storedValueFen > 0 ? cart.member.storedValueFen : null} busy={flow.busy} onPay={(plan) => void flow.pay(plan)} onClose={closeDialog} /> : null}
      {dialog?.kind === 'hold' && sale ? <HoldDialog totalFen={sale.cart.totalFen} lines={cart.lines.length} busy={flow.busy} onHold={(label) => void flow.hold(label)} onClose={closeDialog} /> : null}
      {dialog?.kind === 'resume' ? <ResumeDialog onResume={(id) => void flow.resume(id)} onClose={closeDialog} onCount={(n) => useTill.getState().set({ heldCount: n })} /> : null}
      {dialog?.kind === 'weigh' ? <WeighDialog product={dialog.product} onAdd={(w) => { useCart.getState().addWeighed(dialog.product, w); setDialog(null); }} onClose={closeDialog} /> : null}
      {dialog?.kind === 'refund' ? <RefundDialog initialReceipt={dialog.receipt} printerSet={printerSet} onClose={closeDialog} /> : null}
      {dialog?.kind === 'closeShift' ? <CloseShiftDialog onClosed={() => useTill.getState().set({ shift: null })} onClose={closeDialog} /> : null}
      {dialog?.kind === 'enrol' ? (
        <EnrolDialog
          phone={dialog.phone}
          onEnrolled={(m) => {
            setDialog(null);
            void member.attachMember(m);
          }}
          onClose={closeDialog}
        />
      ) : null}
      {dialog?.kind === 'points' && till.rewards && cart.points && sale ? (
        <PointsDialog
          usable={cart.points.usable}
          maxPoints={sale.maxPoints}
          current={sale.redeemPoints}
          rewards={till.rewards}
          onApply={(n) => {
            useCart.getState().setRedeem(n);
            setDialog(null);
          }}
          onClose={closeDialog}
        />
      ) : null}
      {dialog?.kind === 'coupons' ? (
        <CouponsDialog
          memberId={member.memberId}
          applied={cart.coupons}
          onApply={async (code) => {
            // One coupon is the usual case: back to scanning at once (Alt+Q again for another).
            const ok = (await member.applyCoupon(code)) === 'ok';
            if (ok) {
              setDialog(null);
              focusLater(SEARCH_INPUT_ID);
            }
            return ok;
          }}
          onRemove={(code) => useCart.getState().removeCoupon(code)}
          onClose={closeDialog}
        />
      ) : null}
      {dialog?.kind === 'cards' ? (
        <CountCardsDialog
          cards={cart.cards ?? []}
          inCart={(id) => cardUsesInCart(cart.lines, id)}
          types={till.cardTypes}
          onUse={(card) => void member.addCardVisit(card)}
          onSell={(ty) => void member.sellCard(ty.packageProductId)}
          onClose={closeDialog}
        />
      ) : null}
      {dialog?.kind === 'topup' && cart.member ? (
        <TopUpDialog
          member={cart.member}
          printerSet={printerSet}
          onDone={() => void member.refreshMember(cart.member!.id)}
          onClose={() => {
            setDialog(null);
            focusLater(SEARCH_INPUT_ID);
          }}
        />
      ) : null}
      {dialog?.kind === 'preview' ? <ReceiptPreviewDialog saleId={dialog.saleId} receiptNo={dialog.receiptNo} onClose={closeDialog} /> : null}
      {dialog?.kind === 'clear' ? (
        <Modal title={t('checkout.clear.title')} onClose={closeDialog} role="alertdialog" initialFocusId="clear-confirm">
          <p className="lead">{t('checkout.clear.body', { lines: cart.lines.length, total: money(sale?.cart.totalFen ?? 0) })}</p>
          <div className="modal-actions">
            <button type="button" className="btn btn-ghost" onClick={closeDialog}>
              {t('common.cancel')}
            </button>
            <button
              id="clear-confirm"
              type="button"
              className="btn btn-danger"
              onClick={() => {
                useCart.getState().clear();
                setDialog(null);
                focusLater(SEARCH_INPUT_ID);
              }}
            >
              {t('checkout.clear.confirm')}
            </button>
          </div>
        </Modal>
      ) : null}
      {ask ? (
        <ApprovalDialog
          reason={ask.reason}
          onApproved={(a) => {
            const then = ask.then;
            flow.setAsk(null);
            then(a);
          }}
          onClose={() => flow.setAsk(null)}
        />
      ) : null}
    </>
  );
}
