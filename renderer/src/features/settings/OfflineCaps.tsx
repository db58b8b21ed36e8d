import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { OfflineCaps as Caps, OfflineExposure } from '../../../../shared/contract/sync.js';
import { fenToYuanString, parseYuan } from '../../../../shared/money.js';
import { invoke } from '../../api/client.js';
import { useSession } from '../../stores/session.js';
import { notifyError, notifySuccess } from '../../stores/notices.js';
import { Field } from '../../components/Field.js';

type Form = Record<keyof Caps, string>;
const toForm = (c: Caps): Form => ({
  memberStoredValueFen: fenToYuanString(c.memberStoredValueFen), memberPoints: String(c.memberPoints),
  tillStoredValueFen: fenToYuanString(c.tillStoredValueFen), tillPoints: String(c.tillPoints), maxOfflineHours: String(c.maxOfflineHours),
});

/**
 * The owner's offline caps (the same for every till) and what this till has let members
 * spend offline that the server has not confirmed yet. Managers see them; the owner edits.
 */
export function OfflineCaps() {
  const { t } = useTranslation();
  const owner = useSession((s) => s.staff?.role === 'owner');
  const manager = useSession((s) => s.staff?.role === 'owner' || s.staff?.role === 'manager');
  const [form, setForm] = useState<Form | null>(null);
  const [exposure, setExposure] = useState<OfflineExposure | null>(null);

  useEffect(() => {
    void invoke('sync.offlineCaps', {}).then((r) => { if (r.ok) setForm(toForm(r.value)); });
    if (manager) void invoke('sync.exposure', {}, { quiet: true }).then((r) => { if (r.ok) setExposure(r.value); });
  }, [manager]);

  const save = async (ev: FormEvent) => {
    ev.preventDefault();
    if (!form) return;
    const yuan = (s: string) => parseYuan(s) ?? -1;
    const r = await invoke('sync.setOfflineCaps', {
      memberStoredValueFen: yuan(form.memberStoredValueFen), memberPoints: Number(form.memberPoints),
      tillStoredValueFen: yuan(form.tillStoredValueFen), tillPoints: Number(form.tillPoints), maxOfflineHours: Number(form.maxOfflineHours),
    });
    if (!r.ok) return notifyError(r.error);
    setForm(toForm(r.value));
    notifySuccess('settings.tills.capsSaved');
  };

  if (!form) return null;
  const field = (key: keyof Caps, label: string, mode: 'decimal' | 'numeric') => (
    <Field label={t(label as 'settings.tills.caps')}>
      {(c) => <input {...c} inputMode={mode} required readOnly={!owner} value={form[key]} onChange={(e) => setForm({ ...form, [key]: e.target.value })} />}
    </Field>
  );
  return (
    <>
      <h3 id="caps-title">{t('settings.tills.caps')}</h3>
      <p>{t('settings.tills.capsHint')}</p>
      <form onSubmit={save} aria-labelledby="caps-title">
        {field('memberStoredValueFen', 'settings.tills.capMemberStoredValue', 'decimal')}
        {field('memberPoints', 'settings.tills.capMemberPoints', 'numeric')}
        {field('tillStoredValueFen', 'settings.tills.capTillStoredValue', 'decimal')}
        {field('tillPoints', 'settings.tills.capTillPoints', 'numeric')}
        {field('maxOfflineHours', 'settings.tills.capHours', 'numeric')}
        {owner ? <button type="submit" className="btn btn-primary">{t('settings.tills.saveCaps')}</button> : null}
      </form>
      {exposure ? (
        <dl className="facts">
          <dt>{t('settings.tills.exposure')}</dt>
          <dd role="status" aria-label={t('settings.tills.exposure')}>
            {t('settings.tills.exposureValue', { ...exposure, storedValue: fenToYuanString(exposure.storedValueFen) })}
          </dd>
        </dl>
      ) : null}
    </>
  );
}
