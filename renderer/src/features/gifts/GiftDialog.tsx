import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Gift } from '../../../../shared/contract/gifts.js';
import type { AppError } from '../../../../shared/errors.js';
import { invoke } from '../../api/client.js';
import { Field } from '../../components/Field.js';
import { Modal } from '../../components/Modal.js';
import { useDraft } from '../../hooks/useDraft.js';
import { DialogActions } from '../../components/SubmitButton.js';
import { notifySuccess } from '../../stores/notices.js';
import { intInput } from '../members/format.js';
import { giftFieldText } from './field-text.js';

interface Draft { name: string; kind: 'gift' | 'service'; pointsCost: string; trackStock: boolean; initialStock: string; active: boolean }
type Errors = Partial<Record<'name' | 'pointsCost' | 'initialStock', string>>;

const draftOf = (g: Gift | null): Draft => ({
  name: g?.name ?? '', kind: g?.kind ?? 'gift', pointsCost: g ? String(g.pointsCost) : '', trackStock: g?.trackStock ?? true, initialStock: '0', active: g?.active ?? true,
});

/** 添加礼品 / 编辑礼品 (owner): name, gift or service, points it costs, stock tracking (and the opening stock of a new gift), offered or withdrawn. */
export function GiftDialog({ gift, onClose, onSaved }: { gift: Gift | null; onClose: () => void; onSaved: (g: Gift) => void }) {
  const { t } = useTranslation();
  const { draft: d, set, errors, show } = useDraft(() => draftOf(gift), { id: 'gift-form', order: ['name', 'pointsCost', 'initialStock'] as const });
  const [busy, setBusy] = useState(false);

  const submit = async (ev: FormEvent) => {
    ev.preventDefault();
    if (busy) return;
    const e: Errors = {};
    const name = d.name.trim();
    if (!name) e.name = 'validation.required';
    const pointsCost = intInput(d.pointsCost, 1, 10_000_000);
    if (pointsCost == null) e.pointsCost = d.pointsCost.trim() ? 'gifts.form.badPoints' : 'validation.required';
    const creatingStocked = !gift && d.trackStock;
    const initialStock = creatingStocked ? intInput(d.initialStock || '0', 0, 1_000_000) : 0;
    if (initialStock == null) e.initialStock = 'gifts.form.badStock';
    if (Object.keys(e).length) return show(e);
    setBusy(true);
    const r = await invoke('gifts.save', {
      ...(gift ? { id: gift.id } : {}), name, kind: d.kind, pointsCost: pointsCost!, trackStock: d.trackStock, active: d.active,
      ...(creatingStocked && initialStock ? { initialStock } : {}),
    });
    setBusy(false);
    if (!r.ok) {
      if ((r.error as AppError).details?.field === 'name') show({ name: r.error.messageKey });
      return;
    }
    notifySuccess('gifts.form.saved', { name: r.value.name });
    onSaved(r.value);
  };

  const title = gift ? t('gifts.form.editTitle', { name: gift.name }) : t('gifts.form.addTitle');
  return (
    <Modal title={title} onClose={onClose}>
      <form id="gift-form" className="gifts" noValidate onSubmit={(e) => void submit(e)} aria-label={title}>
        <Field label={t('gifts.form.name')} error={giftFieldText(t, errors.name)}>
          {(p) => <input {...p} name="name" maxLength={40} autoComplete="off" value={d.name} onChange={(e) => set('name', e.target.value)} />}
        </Field>
        <fieldset className="radio-row">
          <legend>{t('gifts.form.kind')}</legend>
          {(['gift', 'service'] as const).map((k) => (
            <label key={k} className="radio-pill">
              <input type="radio" name="kind" checked={d.kind === k} onChange={() => {
                // A new gift tracks stock by default, a new service does not; an existing one keeps its setting.
                set('kind', k);
                if (!gift) set('trackStock', k === 'gift');
              }} />
              {t(`gifts.kind.${k}`)}
            </label>
          ))}
        </fieldset>
        <Field label={t('gifts.form.pointsCost')} error={giftFieldText(t, errors.pointsCost)}>
          {(p) => <input {...p} name="pointsCost" inputMode="numeric" maxLength={8} autoComplete="off" value={d.pointsCost} onChange={(e) => set('pointsCost', e.target.value)} />}
        </Field>
        <label className="check-row">
          <input type="checkbox" name="trackStock" checked={d.trackStock} onChange={(e) => set('trackStock', e.target.checked)} />
          {t('gifts.form.trackStock')}
        </label>
        {!gift && d.trackStock ? (
          <Field label={t('gifts.form.initialStock')} error={giftFieldText(t, errors.initialStock)}>
            {(p) => <input {...p} name="initialStock" inputMode="numeric" maxLength={7} autoComplete="off" value={d.initialStock} onChange={(e) => set('initialStock', e.target.value)} />}
          </Field>
        ) : null}
        <label className="check-row">
          <input type="checkbox" name="active" checked={d.active} onChange={(e) => set('active', e.target.checked)} />
          {t('gifts.form.active')}
        </label>
        <DialogActions busy={busy} onCancel={onClose} />
      </form>
    </Modal>
  );
}
