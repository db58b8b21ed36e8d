import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Product } from '../../../../shared/contract/catalogue.js';
import type { Output } from '../../../../shared/contract/index.js';
import type { AppError } from '../../../../shared/errors.js';
import { invoke } from '../../api/client.js';
import { Field } from '../../components/Field.js';
import { ActiveState, ListTable } from '../../components/ListTable.js';
import { Modal } from '../../components/Modal.js';
import { useDraft } from '../../hooks/useDraft.js';
import { DialogActions } from '../../components/SubmitButton.js';
import { focusLater } from '../../components/focus.js';
import { formatMoney } from '../../i18n/format.js';
import { notifySuccess } from '../../stores/notices.js';
import { serverFieldErrors } from '../members/field-errors.js';
import { cardTypeDraft, cardTypeInputFrom, type CardTypeField, type CardTypeInput } from './offers-forms.js';
import { EditToggleActions } from './EditToggleActions.js';
import { offerText } from './offer-text.js';
import { ProductPicker } from './ProductPicker.js';

type CardType = Output<'countCards.types'>[number];
const ORDER: CardTypeField[] = ['name', 'packageProductId', 'serviceProductId', 'uses', 'validMonths'];

function saveType(input: CardTypeInput) {
  return invoke('countCards.saveType', input);
}

/** The products a list of card types names, by id (a few products.get calls; types are few). */
async function productsOf(ids: number[]): Promise<Map<number, Product>> {
  const answers = await Promise.all([...new Set(ids)].map((id) => invoke('products.get', { id }, { quiet: true })));
  return new Map(answers.flatMap((r) => (r.ok ? [[r.value.id, r.value] as const] : [])));
}

/**
 * Add or edit one count-card type: the package product the till sells (its price is the
 * card's price), the service product each visit is, how many visits, and for how long.
 */
function CardTypeDialog({ type, products, onClose, onSaved }: { type: CardType | null; products: Map<number, Product>; onClose: () => void; onSaved: () => void }) {
  const { t, i18n } = useTranslation();
  const { draft: d, set, errors, show } = useDraft(() => cardTypeDraft(type), { id: 'card-type-form', order: ORDER });
  const [pkg, setPkg] = useState<Product | null>(type ? (products.get(type.packageProductId) ?? null) : null);
  const [svc, setSvc] = useState<Product | null>(type ? (products.get(type.serviceProductId) ?? null) : null);
  const [busy, setBusy] = useState(false);
  const err = (k: CardTypeField) => offerText(t, i18n.language, errors[k]);

  const submit = async (ev: FormEvent) => {
    ev.preventDefault();
    if (busy) return;
    const parsed = cardTypeInputFrom(d);
    if (!parsed.ok) return show(parsed.errors);
    setBusy(true);
    const r = await saveType(parsed.value);
    setBusy(false);
    if (!r.ok) return show(serverFieldErrors(r.error as AppError, ORDER));
    notifySuccess('offers.card.saved', { name: r.value.name });
    onSaved();
  };

  const title = type ? t('offers.card.editTitle', { name: type.name }) : t('offers.card.addTitle');
  return (
    <Modal title={title} onClose={onClose} wide>
      <form id="card-type-form" noValidate aria-label={title} onSubmit={(e) => void submit(e)}>
        <Field label={t('offers.card.name')} hint={t('offers.card.nameHint')} error={err('name')}>
          {(p) => <input {...p} name="name" maxLength={40} autoComplete="off" value={d.name} onChange={(e) => set('name', e.target.value)} />}
        </Field>
        <div className="field-pair">
          <Field label={t('offers.card.package')} error={err('packageProductId')}>
            {(p) => (
              <ProductPicker control={p} name="packageProductId" picked={pkg} onPick={(x) => {
                setPkg(x);
                set('packageProductId', x?.id ?? null);
              }} />
            )}
          </Field>
          <Field label={t('offers.card.service')} error={err('serviceProductId')}>
            {(p) => (
              <ProductPicker control={p} name="serviceProductId" picked={svc} onPick={(x) => {
                setSvc(x);
                set('serviceProductId', x?.id ?? null);
              }} />
            )}
          </Field>
        </div>
        <p className="muted small">{t('offers.card.productsHint')}</p>
        <div className="field-pair">
          <Field label={t('offers.card.uses')} error={err('uses')}>
            {(p) => <input {...p} name="uses" inputMode="numeric" autoComplete="off" maxLength={4} value={d.uses} onChange={(e) => set('uses', e.target.value)} />}
          </Field>
          <div>
            <label className="check-row">
              <input type="checkbox" checked={d.noExpiry} onChange={(e) => set('noExpiry', e.target.checked)} />
              {t('offers.card.noExpiry')}
            </label>
            {!d.noExpiry ? (
              <Field label={t('offers.card.validMonths')} hint={t('offers.card.validMonthsHint')} error={err('validMonths')}>
                {(p) => <input {...p} name="validMonths" inputMode="numeric" autoComplete="off" maxLength={3} value={d.validMonths} onChange={(e) => set('validMonths', e.target.value)} />}
              </Field>
            ) : null}
          </div>
        </div>
        {pkg && d.uses ? <p className="small">{t('offers.card.pricePreview', { price: formatMoney(pkg.priceFen, i18n.language), uses: d.uses })}</p> : null}
        <label className="check-row">
          <input type="checkbox" checked={d.active} onChange={(e) => set('active', e.target.checked)} />
          {t('offers.card.activeCheck')}
        </label>
        <DialogActions busy={busy} onCancel={onClose} />
      </form>
    </Modal>
  );
}

/** 次卡类型 (owner): the count cards the till sells (Alt+V); add, edit, stop and restart selling one. */
export function CountCardTypes() {
  const { t, i18n } = useTranslation();
  const [types, setTypes] = useState<CardType[] | null>(null);
  const [products, setProducts] = useState<Map<number, Product>>(new Map());
  const [editing, setEditing] = useState<CardType | 'new' | null>(null);

  const load = useCallback(async () => {
    const r = await invoke('countCards.types', {});
    if (!r.ok) return;
    setProducts(await productsOf(r.value.flatMap((x) => [x.packageProductId, x.serviceProductId])));
    setTypes(r.value);
  }, []);
  useEffect(() => {
    void load();
  }, [load]);

  /** 停用 / 启用: cards already sold keep working; a stopped type is no longer sold at the till. */
  const toggle = async (c: CardType) => {
    const { id, name, packageProductId, serviceProductId, uses, validMonths } = c;
    const r = await saveType({ id, name, packageProductId, serviceProductId, uses, validMonths, active: !c.active });
    if (!r.ok) return;
    notifySuccess(r.value.active ? 'offers.card.activated' : 'offers.card.deactivated', { name });
    await load();
    focusLater(`card-toggle-${id}`);
  };

  return (
    <section className="settings-block offers-block" aria-labelledby="card-types-title">
      <h2 id="card-types-title">{t('offers.card.title')}</h2>
      <p className="muted">{t('offers.card.intro')}</p>
      <ListTable
        caption={t('offers.card.table')}
        columns={[
          { label: t('offers.card.name') },
          { label: t('offers.card.package') },
          { label: t('offers.card.price'), num: true },
          { label: t('offers.card.service') },
          { label: t('offers.card.uses'), num: true },
          { label: t('offers.card.validity') },
          { label: t('offers.status') },
          { label: t('offers.actions') },
        ]}
        rows={types}
        empty={t('offers.card.empty')}
        row={(c) => {
          const pkg = products.get(c.packageProductId);
          return (
            <tr key={c.id} className={c.active ? undefined : 'row-inactive'}>
              <th scope="row">{c.name}</th>
              <td>{pkg?.name ?? '—'}</td>
              <td className="num">{pkg ? formatMoney(pkg.priceFen, i18n.language) : '—'}</td>
              <td>{c.serviceName}</td>
              <td className="num">{c.uses}</td>
              <td>{c.validMonths === null ? t('offers.card.noExpiryShort') : t('offers.card.months', { count: c.validMonths })}</td>
              <td><ActiveState active={c.active} on={t('offers.active')} off={t('offers.inactive')} /></td>
              <EditToggleActions name={c.name} active={c.active} toggleId={`card-toggle-${c.id}`} onEdit={() => setEditing(c)} onToggle={() => void toggle(c)} />
            </tr>
          );
        }}
      />
      <div className="settings-actions">
        <button type="button" className="btn btn-outline" onClick={() => setEditing('new')}>
          + {t('offers.card.add')}
        </button>
      </div>
      {editing ? (
        <CardTypeDialog
          type={editing === 'new' ? null : editing}
          products={products}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            void load();
          }}
        />
      ) : null}
    </section>
  );
}
