import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Gift } from '../../../../shared/contract/gifts.js';
import { roleAllows } from '../../../../shared/roles.js';
import { invoke } from '../../api/client.js';
import { ActiveState, ListTable } from '../../components/ListTable.js';
import { useSession } from '../../stores/session.js';
import { GiftDialog } from './GiftDialog.js';
import { RestockDialog } from './RestockDialog.js';
import './gifts.css';

/**
 * Settings → 积分礼品: the catalogue with its stock. The owner adds and edits gifts; a
 * manager restocks (the core enforces both).
 */
export function GiftSettings() {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const isOwner = roleAllows(useSession((s) => s.staff?.role ?? 'cashier'), 'owner');
  const [gifts, setGifts] = useState<Gift[] | null>(null);
  const [editing, setEditing] = useState<Gift | 'new' | null>(null);
  const [restocking, setRestocking] = useState<Gift | null>(null);

  const load = useCallback(async () => {
    const r = await invoke('gifts.list', { includeInactive: true });
    if (r.ok) setGifts(r.value);
  }, []);
  useEffect(() => {
    void load();
  }, [load]);

  const saved = () => {
    setEditing(null);
    setRestocking(null);
    void load();
  };

  return (
    <div className="gifts settings-block">
      <p className="muted">{t('gifts.settings.intro')}</p>
      <ListTable
        caption={t('gifts.settings.table')}
        showCaption
        columns={[
          { label: t('gifts.settings.name') },
          { label: t('gifts.settings.kindLabel') },
          { label: t('gifts.settings.pointsCost'), num: true },
          { label: t('gifts.settings.stock'), num: true },
          { label: t('gifts.settings.status') },
          { label: t('gifts.settings.actions') },
        ]}
        rows={gifts}
        empty={t('gifts.settings.empty')}
        row={(g) => (
          <tr key={g.id} className={g.active ? undefined : 'row-inactive'}>
            <th scope="row">{g.name}</th>
            <td>{t(`gifts.kind.${g.kind}`)}</td>
            <td className="num">{g.pointsCost.toLocaleString(locale)}</td>
            <td className="num">{g.stock === null ? t('gifts.settings.noStock') : g.stock.toLocaleString(locale)}</td>
            <td><ActiveState active={g.active} on={t('gifts.settings.active')} off={t('gifts.settings.inactive')} /></td>
            <td>
              <div className="gift-row-actions">
                {isOwner ? (
                  <button type="button" className="btn btn-outline btn-sm" aria-label={t('gifts.settings.editOf', { name: g.name })} onClick={() => setEditing(g)}>
                    {t('gifts.settings.edit')}
                  </button>
                ) : null}
                {g.trackStock ? (
                  <button type="button" className="btn btn-outline btn-sm" aria-label={t('gifts.settings.restockOf', { name: g.name })} onClick={() => setRestocking(g)}>
                    {t('gifts.settings.restock')}
                  </button>
                ) : null}
              </div>
            </td>
          </tr>
        )}
      />
      <div className="settings-actions">
        {isOwner ? (
          <button type="button" className="btn btn-outline" onClick={() => setEditing('new')}>
            + {t('gifts.settings.add')}
          </button>
        ) : (
          <span className="muted small">{t('gifts.settings.ownerOnly')}</span>
        )}
      </div>
      {editing ? <GiftDialog gift={editing === 'new' ? null : editing} onClose={() => setEditing(null)} onSaved={saved} /> : null}
      {restocking ? <RestockDialog gift={restocking} onClose={() => setRestocking(null)} onSaved={saved} /> : null}
    </div>
  );
}
