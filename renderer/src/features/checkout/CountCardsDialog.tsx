import { useId, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { MemberCountCard } from '../../../../shared/contract/count-cards.js';
import type { Output } from '../../../../shared/contract/index.js';
import { Modal } from '../../components/Modal.js';

type CardType = Output<'countCards.types'>[number];

/**
 * 次卡 (Alt+V): the attached member's count cards with the uses left (less the visits already
 * on this sale); Enter uses one visit of the chosen card (a line of its service, paid by the
 * card). Below, the packages the shop sells: choosing one puts the package on the sale, and
 * paying for it gives the member the card.
 */
export function CountCardsDialog({ cards, inCart, types, onUse, onSell, onClose }: {
  cards: readonly MemberCountCard[]; inCart: (cardId: number) => number; types: readonly CardType[];
  onUse: (card: MemberCountCard) => void; onSell: (type: CardType) => void; onClose: () => void;
}) {
  const { t } = useTranslation();
  const listId = useId();
  const [active, setActive] = useState(0);
  const left = (c: MemberCountCard) => c.remaining - inCart(c.id);

  const onKeyDown = (e: KeyboardEvent<HTMLUListElement>) => {
    if (cards.length === 0) return;
    const last = cards.length - 1;
    if (e.key === 'ArrowDown') setActive((i) => Math.min(last, i + 1));
    else if (e.key === 'ArrowUp') setActive((i) => Math.max(0, i - 1));
    else if (e.key === 'Enter' || e.key === ' ') onUse(cards[active]!);
    else return;
    e.preventDefault();
  };

  const selling = types.filter((ty) => ty.active);
  return (
    <Modal title={t('checkout.cards.title')} onClose={onClose} initialFocusId={cards.length > 0 ? listId : selling.length > 0 ? 'cards-sell-0' : 'cards-close'} wide>
      {cards.length === 0 ? (
        <p className="lead">{t('checkout.cards.none')}</p>
      ) : (
        <>
          <ul
            id={listId}
            role="listbox"
            tabIndex={0}
            aria-label={t('checkout.cards.list')}
            aria-activedescendant={cards[active] ? `${listId}-${cards[active].id}` : undefined}
            className="co-held-list"
            onKeyDown={onKeyDown}
          >
            {cards.map((c, i) => (
              <li
                key={c.id}
                id={`${listId}-${c.id}`}
                role="option"
                aria-selected={i === active}
                aria-disabled={left(c) <= 0 || undefined}
                className="co-held"
                onClick={() => {
                  setActive(i);
                  onUse(c);
                }}
                onMouseEnter={() => setActive(i)}
              >
                <span className="co-held-label">{c.name}</span>
                <span>{t('checkout.cards.service', { service: c.serviceName })}</span>
                <span className="co-held-total">{t('checkout.cards.left', { left: left(c), uses: c.uses })}</span>
                <span className="muted small">
                  {[inCart(c.id) > 0 ? t('checkout.cards.onSale', { n: inCart(c.id) }) : '', c.expiresOn ? t('checkout.cards.until', { date: c.expiresOn }) : t('checkout.cards.noExpiry')].filter(Boolean).join(' · ')}
                </span>
              </li>
            ))}
          </ul>
          <p className="small muted">{t('checkout.cards.keys')}</p>
        </>
      )}
      {selling.length > 0 ? (
        <section aria-labelledby={`${listId}-sell`} className="co-cards-sell">
          <h3 id={`${listId}-sell`} className="co-side-title">
            {t('checkout.cards.sellTitle')}
          </h3>
          <div className="co-cards-sell-list">
            {selling.map((ty, i) => (
              <button key={ty.id} id={`cards-sell-${i}`} type="button" className="btn btn-sm btn-outline" onClick={() => onSell(ty)}>
                {t('checkout.cards.sell', { name: ty.name, uses: ty.uses })}
              </button>
            ))}
          </div>
        </section>
      ) : null}
      <div className="modal-actions">
        <button id="cards-close" type="button" className="btn btn-ghost" onClick={onClose}>
          {t('common.close')}
        </button>
        {cards[active] ? (
          <button type="button" className="btn btn-primary" aria-disabled={left(cards[active]) <= 0} onClick={() => onUse(cards[active]!)}>
            {t('checkout.cards.use', { name: cards[active].name })}
          </button>
        ) : null}
      </div>
    </Modal>
  );
}
