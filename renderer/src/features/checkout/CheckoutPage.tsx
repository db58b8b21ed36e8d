import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppError } from '../../../../shared/errors.js';
import { roleAllows } from '../../../../shared/roles.js';
import { PageHeading } from '../../components/PageHeading.js';
import { PAGE_HEADING_ID, focusLater } from '../../components/focus.js';
import { formatTime } from '../../i18n/format.js';
import { notifyError, notifySuccess } from '../../stores/notices.js';
import { invoke } from '../../api/client.js';
import { useSession } from '../../stores/session.js';
import { CartTable } from './CartTable.js';
import { CheckoutDialogs } from './CheckoutDialogs.js';
import { FirstRunHint } from './FirstRunHint.js';
import { LastSalePanel } from './LastSalePanel.js';
import { MEMBER_INPUT_ID, MemberPanel } from './MemberPanel.js';
import { ProductSearch, SEARCH_INPUT_ID } from './ProductSearch.js';
import { OpenShiftCard } from './ShiftDialogs.js';
import { TotalsPanel } from './TotalsPanel.js';
import { cardUsesInCart, priceSale } from './model/cart.js';
import { PrintRoot, printReceiptInPage } from './print.js';
import { useCart, useTill } from './store.js';
import { useMoney } from './format.js';
import { StorageAlert } from './SaleSafety.js';
import { loadTill, type PageDialog } from './till-data.js';
import { useMemberWiring } from './useMemberWiring.js';
import { useSaleFlow } from './useSaleFlow.js';
import { useTillInput } from './useTillInput.js';
import './checkout.css';
import { shopNow, usePromotionSnapshot } from '../promotions/till-promotions.js';
import { useCounterFeed } from '../display/useCounterFeed.js';
import { mustWeigh } from '../weighing/till-codes.js';
import { useWeighedProducts } from '../weighing/weighed-cache.js';
import { warmUpAudio } from '../../sound/player.js';

/**
 * 收银: the cashier's main screen. Scan or search to add, the cart with its lines, the
 * member, the totals with 应收 in large type, and payment — all from the keyboard: F8 member,
 * F9 hold, F10 resume, F12 (or Enter on an empty search) pay; a keyboard-wedge scanner works
 * wherever focus is and a serial scanner through the core's `scanner.code` events.
 * This file is the layout and its wiring; what the till does is in the hooks beside it:
 * useTillInput (scans and keys), useSaleFlow (payment, hold/resume, approvals),
 * useMemberWiring (member, coupons, count cards), CheckoutDialogs, till-data (reads).
 */
export function CheckoutPage() {
  const { t, i18n } = useTranslation();
  const money = useMoney();
  const staff = useSession((s) => s.staff);
  const isManager = roleAllows(staff?.role ?? 'cashier', 'manager');
  const cart = useCart();
  const till = useTill();
  const [dialog, setDialog] = useState<PageDialog | null>(null);
  const [flash, setFlash] = useState(false);
  const flashTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  useEffect(() => {
    void loadTill();
    void useWeighedProducts.getState().load();
    warmUpAudio();
    return () => clearTimeout(flashTimer.current);
  }, []);

  const printerSet = (till.devices?.printer.type ?? 'none') !== 'none';
  const promotions = usePromotionSnapshot(cart.member?.id ?? null);
  const sale = useMemo(() => {
    if (!till.rules) return null;
    return priceSale(cart.lines, { rules: till.rules, rewards: till.rewards, member: cart.member, today: promotions?.now ?? shopNow(), promotions }, cart.redeemWant, cart.points?.usable ?? 0, cart.coupons);
  }, [cart.lines, cart.member, cart.redeemWant, cart.points, cart.coupons, till.rules, till.rewards, promotions]);
  const itemCount = cart.lines.reduce((n, l) => n + l.qty, 0);
  // The customer display, the pole display and the till's sounds follow the cart.
  useCounterFeed(sale, dialog?.kind === 'pay');

  // After a sale (and whenever the last sale panel appears), the next scan or search starts at once.
  useEffect(() => {
    if (cart.lastSale) focusLater(SEARCH_INPUT_ID);
  }, [cart.lastSale]);

  /** A refusal: said in a notice, and the search box flashes red for a moment. */
  const refuse = useCallback((error: AppError) => {
    notifyError(error);
    setFlash(true);
    clearTimeout(flashTimer.current);
    flashTimer.current = setTimeout(() => setFlash(false), 900);
  }, []);

  const member = useMemberWiring({ sale, money, refuse, setDialog });
  const flow = useSaleFlow({ sale, isManager, money, refuse, setDialog, applyCoupon: member.applyCoupon });
  const input = useTillInput({ isManager, refuse, setDialog, member, startPay: flow.startPay });

  const openDrawer = async () => {
    const r = await invoke('devices.openDrawer', { reason: '' });
    if (r.ok) notifySuccess('checkout.drawer.opened');
  };

  const shift = till.shift;
  const safety = flow.safety;

  return (
    <section className="page checkout" aria-labelledby={PAGE_HEADING_ID}>
      <div className="co-head">
        <PageHeading>{t('checkout.title')}</PageHeading>
        <p className={`co-shift${shift === null ? ' co-shift-none' : ''}`}>
          {shift === undefined ? null : shift === null ? (
            <span>{t('checkout.shift.none')}</span>
          ) : (
            t('checkout.shift.current', { name: shift.staffName, at: formatTime(shift.openedAt, i18n.language) })
          )}
        </p>
        <div className="co-tools" role="toolbar" aria-label={t('checkout.tools')}>
          <button type="button" className="btn btn-sm btn-outline" aria-keyshortcuts="F9" disabled={cart.lines.length === 0} onClick={() => setDialog({ kind: 'hold' })}>
            {t('checkout.held.hold')} <kbd aria-hidden="true">F9</kbd>
          </button>
          <button type="button" className="btn btn-sm btn-outline" aria-keyshortcuts="F10" onClick={() => setDialog({ kind: 'resume' })}>
            {t('checkout.held.resumeButton', { n: till.heldCount })} <kbd aria-hidden="true">F10</kbd>
          </button>
          <button type="button" className="btn btn-sm btn-outline" disabled={cart.lines.length === 0} onClick={() => setDialog({ kind: 'clear' })}>
            {t('checkout.clear.button')}
          </button>
          <button
            type="button"
            className="btn btn-sm btn-outline"
            aria-disabled={!isManager}
            aria-describedby={isManager ? undefined : 'co-refund-note'}
            onClick={() => (isManager ? setDialog({ kind: 'refund', receipt: '' }) : notifyError({ code: 'forbidden', messageKey: 'checkout.refund.managerOnly' }))}
          >
            {t('checkout.refund.button')}
          </button>
          <button type="button" className="btn btn-sm btn-outline" disabled={!shift} onClick={() => setDialog({ kind: 'closeShift' })}>
            {t('checkout.shift.closeButton')}
          </button>
          <button type="button" className="btn btn-sm btn-outline" onClick={() => void openDrawer()}>
            {t('checkout.drawer.open')}
          </button>
        </div>
        {isManager ? null : (
          <p id="co-refund-note" className="sr-only">
            {t('checkout.refund.managerOnly')}
          </p>
        )}
      </div>
      <div className="co-grid">
        <div className="co-main">
          {shift === null ? (
            <OpenShiftCard
              onOpened={() => {
                void loadTill();
                focusLater(SEARCH_INPUT_ID);
              }}
            />
          ) : null}
          {safety.trouble ? (
            <StorageAlert
              trouble={safety.trouble}
              onDismiss={() => {
                safety.dismiss();
                focusLater(SEARCH_INPUT_ID);
              }}
            />
          ) : null}
          <FirstRunHint canAdd={isManager} />
          <ProductSearch
            onPick={(p) => (mustWeigh(p) ? setDialog({ kind: 'weigh', product: p }) : useCart.getState().add(p))}
            onCode={(text) => input.handleCode(text, 'typed')}
            onUnknown={(text) => refuse({ code: 'not_found', messageKey: 'checkout.search.nothing', details: { query: text } })}
            onEmptyEnter={flow.startPay}
            onCartKey={input.onCartKey}
            flash={flash}
          />
          <CartTable
            lines={cart.lines}
            priced={sale?.cart.lines ?? []}
            currentKey={cart.currentKey}
            onSelect={(key) => useCart.getState().select(key)}
            onEdit={(key) => input.openLine(key, 'terms')}
            onBump={(key, d) => useCart.getState().bump(key, d)}
            onRemove={(key) => {
              useCart.getState().remove(key);
              focusLater(SEARCH_INPUT_ID);
            }}
            cardName={(id) => cart.cards?.find((c) => c.id === id)?.name ?? null}
          />
          <p className="co-keys small muted">{t('checkout.keysHint')}</p>
        </div>
        <aside className="co-side" aria-label={t('checkout.side')}>
          <div className="co-side-scroll">
            <MemberPanel
              member={cart.member}
              points={cart.points}
              redeemPoints={sale?.redeemPoints ?? 0}
              maxPoints={sale?.maxPoints ?? 0}
              canRedeem={!!till.rewards && (sale?.maxPoints ?? 0) > 0}
              onAttach={(m) => void member.attachMember(m)}
              onDetach={() => {
                useCart.getState().setMember(null);
                focusLater(MEMBER_INPUT_ID);
              }}
              onEnrol={(phone) => setDialog({ kind: 'enrol', phone })}
              onRedeem={() => setDialog({ kind: 'points' })}
              cards={cart.cards}
              cardUsesOnSale={(id) => cardUsesInCart(cart.lines, id)}
              couponCount={member.couponCount}
              onCoupons={() => member.rewardsKey('coupons')}
              onCards={() => member.rewardsKey('cards')}
              onTopUp={() => member.rewardsKey('topup')}
            />
            {cart.lastSale && cart.lines.length === 0 ? (
              <LastSalePanel
                key={cart.lastSale.sale.id}
                done={cart.lastSale}
                printerSet={printerSet}
                onPreview={() => setDialog({ kind: 'preview', saleId: cart.lastSale!.sale.id, receiptNo: cart.lastSale!.sale.receiptNo })}
                onPrintHere={() => void printReceiptInPage(cart.lastSale!.sale.id, t('checkout.receipt.alt', { receiptNo: cart.lastSale!.sale.receiptNo }))}
              />
            ) : sale ? (
              <TotalsPanel
                cart={sale.cart}
                itemCount={itemCount}
                redeemPoints={sale.redeemPoints}
                memberTier={cart.member?.tier.name ?? null}
                hasMember={!!cart.member}
                coupons={sale.coupons}
                onRemoveCoupon={(code) => useCart.getState().removeCoupon(code)}
              />
            ) : null}
          </div>
          <button type="button" className="btn btn-primary btn-xl btn-block co-pay-button" aria-keyshortcuts="F12" aria-disabled={cart.lines.length === 0} onClick={flow.startPay}>
            {t('checkout.pay.button')} <kbd aria-hidden="true">F12</kbd>
          </button>
        </aside>
      </div>

      <CheckoutDialogs dialog={dialog} setDialog={setDialog} sale={sale} itemCount={itemCount} isManager={isManager} printerSet={printerSet} money={money} flow={flow} member={member} />
      <PrintRoot />
    </section>
  );
}
