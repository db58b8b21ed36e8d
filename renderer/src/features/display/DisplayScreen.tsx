import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Output } from '../../../../shared/contract/index.js';
import type { DisplayCart, DisplayLine, DisplayMember, DisplayPaid, DisplayState, TopUpOffer } from '../../../../shared/display/state.js';
import { useMoney } from '../checkout/format.js';

type Media = Output<'display.media'>;
/** Lines that fit a 768-pixel-high screen at the display's type size. */
const SHOWN_LINES = 10;

/** One display state, drawn for a customer standing a metre away: big figures, few words. */
export function DisplayScreen({ state, media }: { state: DisplayState; media: Media | null }) {
  // After a sale the thank-you stays a while, then the pictures come back.
  const [thanked, setThanked] = useState(false);
  const thanksMs = (media?.thanksSeconds ?? 15) * 1000;
  useEffect(() => {
    setThanked(false);
    if (state.stage !== 'paid') return;
    const timer = setTimeout(() => setThanked(true), thanksMs);
    return () => clearTimeout(timer);
  }, [state, thanksMs]);

  switch (state.stage) {
    case 'idle':
      return <Idle media={media} />;
    case 'cart':
      return <Cart cart={state.cart} offer={null} paying={false} />;
    case 'paying':
      return <Cart cart={state.cart} offer={state.offer} paying />;
    case 'paid':
      return thanked ? <Idle media={media} /> : <Paid paid={state.paid} />;
  }
}

function Idle({ media }: { media: Media | null }) {
  const { t } = useTranslation();
  const pictures = media?.pictures ?? [];
  const [i, setI] = useState(0);
  useEffect(() => {
    if (pictures.length < 2) return;
    const timer = setInterval(() => setI((n) => (n + 1) % pictures.length), (media?.slideSeconds ?? 8) * 1000);
    return () => clearInterval(timer);
  }, [pictures.length, media?.slideSeconds]);
  const picture = pictures[i % Math.max(1, pictures.length)];
  return (
    <section className="cd-idle" aria-label={t('counter.display.welcome')}>
      {picture ? <img className="cd-picture" src={picture.dataUrl} alt="" /> : <p className="cd-welcome">{t('counter.display.welcome')}</p>}
      {media?.paymentCode ? (
        <figure className="cd-paycode">
          <img src={media.paymentCode.dataUrl} alt={t('counter.display.payCode')} />
          <figcaption>{t('counter.display.payCode')}</figcaption>
        </figure>
      ) : null}
    </section>
  );
}

function LineRow({ line }: { line: DisplayLine }) {
  const { t } = useTranslation();
  const money = useMoney();
  const how = line.measure
    ? t('counter.display.weighed', { kg: (line.measure.grams / 1000).toFixed(3), price: money(line.measure.perKgFen) })
    : `${line.qty} × ${money(line.unitPriceFen)}`;
  return (
    <li className="cd-line">
      <span className="cd-line-name">{line.name}</span>
      <span className="cd-line-how">{line.countCard ? t('counter.display.countCard') : how}</span>
      <span className="cd-line-total">
        {line.discountFen > 0 ? <s className="cd-line-list">{money(line.listFen)}</s> : null}
        {money(line.totalFen)}
      </span>
    </li>
  );
}

function MemberBox({ member, pointsNow, pointsAfter, pointsEarned, label }: { member: DisplayMember; pointsNow: number; pointsAfter: number | null; pointsEarned: number; label: string }) {
  const { t } = useTranslation();
  const money = useMoney();
  return (
    <section className="cd-member" aria-label={label}>
      <p className="cd-member-name">
        {member.maskedName || t('counter.display.phoneTail', { tail: member.phoneTail })} <span className="cd-tier">{member.tier}</span>
      </p>
      <dl>
        <div><dt>{t('counter.display.pointsEarn')}</dt><dd data-testid="cd-points-earn">+{pointsEarned}</dd></div>
        <div><dt>{pointsAfter === null ? t('counter.display.points') : t('counter.display.pointsAfter')}</dt><dd data-testid="cd-points">{pointsAfter ?? pointsNow}</dd></div>
        <div><dt>{t('counter.display.storedValue')}</dt><dd data-testid="cd-stored">{money(member.storedValueFen)}</dd></div>
      </dl>
    </section>
  );
}

function Cart({ cart, offer, paying }: { cart: DisplayCart; offer: TopUpOffer | null; paying: boolean }) {
  const { t } = useTranslation();
  const money = useMoney();
  return (
    <div className="cd-cart">
      <section className="cd-lines" aria-label={t('counter.display.lines')}>
        {/* The newest lines: the one just scanned is always in view (last, highlighted). */}
        {cart.lines.length > SHOWN_LINES ? <p className="cd-more">{t('counter.display.more', { n: cart.lines.length - SHOWN_LINES })}</p> : null}
        <ol>
          {cart.lines.slice(-SHOWN_LINES).map((l, i) => <LineRow key={i} line={l} />)}
        </ol>
        {cart.promotions.length > 0 ? (
          <ul className="cd-promos" aria-label={t('counter.display.promotions')}>
            {cart.promotions.map((p, i) => (
              <li key={i}><span>{p.name}</span><span>{money(-p.discountFen)}</span></li>
            ))}
          </ul>
        ) : null}
      </section>
      <aside className="cd-side">
        {cart.member ? <MemberBox member={cart.member} pointsNow={cart.member.points} pointsAfter={cart.pointsAfter} pointsEarned={cart.pointsToEarn} label={t('counter.display.member')} /> : null}
        <dl className="cd-totals">
          <div><dt>{t('counter.display.items', { n: cart.itemCount })}</dt><dd>{money(cart.subtotalFen)}</dd></div>
          {cart.discountFen !== 0 ? <div className="cd-minus"><dt>{t('counter.display.discount')}</dt><dd data-testid="cd-discount">{money(-cart.discountFen)}</dd></div> : null}
          <div className="cd-due"><dt>{paying ? t('counter.display.pleasePay') : t('counter.display.total')}</dt><dd data-testid="cd-total">{money(cart.totalFen)}</dd></div>
        </dl>
        {paying && offer ? (
          <p className="cd-offer" role="note">
            {t('counter.display.offer', { save: money(offer.saveFen), topUp: money(offer.topUpFen), bonus: money(offer.bonusFen) })}
          </p>
        ) : null}
      </aside>
    </div>
  );
}

function Paid({ paid }: { paid: DisplayPaid }) {
  const { t } = useTranslation();
  const money = useMoney();
  return (
    <section className="cd-paid" aria-label={t('counter.display.thanks')}>
      <p className="cd-thanks">{t('counter.display.thanks')}</p>
      <dl className="cd-totals">
        <div><dt>{t('counter.display.total')}</dt><dd>{money(paid.totalFen)}</dd></div>
        <div><dt>{t('counter.display.received')}</dt><dd data-testid="cd-received">{money(paid.receivedFen)}</dd></div>
        <div className="cd-due"><dt>{t('counter.display.change')}</dt><dd data-testid="cd-change">{money(paid.changeFen)}</dd></div>
      </dl>
      {paid.member ? <MemberBox member={paid.member} pointsNow={paid.member.points} pointsAfter={null} pointsEarned={paid.pointsEarned} label={t('counter.display.memberAfter')} /> : null}
    </section>
  );
}
