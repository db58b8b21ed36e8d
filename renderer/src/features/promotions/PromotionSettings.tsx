import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PromotionRow } from '../../../../shared/contract/promotions.js';
import { roleAllows } from '../../../../shared/roles.js';
import { invoke } from '../../api/client.js';
import { useSession } from '../../stores/session.js';
import { PromotionForm } from './PromotionForm.js';
import { describeRule } from './describe.js';
import './promotions.css';

/** Settings → 促销: every promotion with its rule, dates and status; the owner adds, edits, stops and restarts them. */
export function PromotionSettings() {
  const { t } = useTranslation();
  const isOwner = roleAllows(useSession((s) => s.staff?.role ?? 'cashier'), 'owner');
  const [rows, setRows] = useState<PromotionRow[] | null>(null);
  const [editing, setEditing] = useState<PromotionRow | 'new' | null>(null);
  const [tiers, setTiers] = useState<Array<{ id: number; name: string }>>([]);
  const [categories, setCategories] = useState<Array<{ id: number; name: string }>>([]);
  const [codes, setCodes] = useState<Map<number, string>>(new Map());

  const load = useCallback(async () => {
    const [p, tr, c] = await Promise.all([invoke('promotions.list', {}), invoke('tiers.list', {}, { quiet: true }), invoke('categories.list', {}, { quiet: true })]);
    if (p.ok) {
      setRows(p.value);
      // The codes the form shows for products a promotion names (a shop's few promotions name few products).
      const ids = [...new Set(p.value.flatMap((x) => [...x.scope.productIds, ...(x.rule.kind === 'gift' ? x.rule.giftProductIds : []), ...(x.rule.kind === 'bundle' ? x.rule.items.map((i) => i.productId) : [])]))];
      const found = await Promise.all(ids.map(async (id) => [id, await invoke('products.get', { id }, { quiet: true })] as const));
      setCodes(new Map(found.map(([id, r]) => [id, r.ok ? (r.value.barcodes[0] ?? r.value.sku) : String(id)])));
    }
    if (tr.ok) setTiers(tr.value.map((x) => ({ id: x.id, name: x.name })));
    if (c.ok) setCategories(c.value.map((x) => ({ id: x.id, name: x.name })));
  }, []);
  useEffect(() => { void load(); }, [load]);

  const toggle = async (p: PromotionRow) => {
    const r = await invoke('promotions.setActive', { localId: p.localId, active: !p.active });
    if (r.ok) void load();
  };
  const today = new Date().toISOString().slice(0, 10);

  return (
    <div className="promotions settings-block">
      <p className="muted">{t('promotions.settings.intro')}</p>
      {isOwner ? <button type="button" className="btn btn-primary" onClick={() => setEditing('new')}>{t('promotions.settings.add')}</button> : null}
      <div className="table-wrap">
        <table className="table">
          <caption className="table-caption">{t('promotions.settings.table')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('promotions.settings.name')}</th>
              <th scope="col">{t('promotions.settings.rule')}</th>
              <th scope="col">{t('promotions.settings.dates')}</th>
              <th scope="col">{t('promotions.settings.status')}</th>
              {isOwner ? <th scope="col">{t('promotions.settings.actions')}</th> : null}
            </tr>
          </thead>
          <tbody>
            {rows === null ? <tr><td colSpan={5} role="status">{t('common.loading')}</td></tr>
              : rows.length === 0 ? <tr><td colSpan={5}>{t('promotions.settings.empty')}</td></tr>
                : rows.map((p) => {
                  const expired = p.endDate !== null && p.endDate < today;
                  return (
                    <tr key={p.localId} className={p.active && !expired ? undefined : 'row-inactive'}>
                      <td>{p.name}</td>
                      <td>{describeRule(t, p)}</td>
                      <td>{p.startDate} – {p.endDate ?? t('promotions.settings.open')}{p.fromTime || p.toTime ? ` · ${p.fromTime ?? '00:00'}–${p.toTime ?? '24:00'}` : ''}</td>
                      <td>{expired ? t('promotions.settings.expired') : p.active ? t('promotions.settings.running') : t('promotions.settings.stopped')}</td>
                      {isOwner ? (
                        <td className="row-actions">
                          <button type="button" className="btn btn-ghost" onClick={() => setEditing(p)}>{t('promotions.settings.edit', { name: p.name })}</button>
                          <button type="button" className="btn btn-ghost" onClick={() => void toggle(p)}>{p.active ? t('promotions.settings.stop') : t('promotions.settings.start')}</button>
                        </td>
                      ) : null}
                    </tr>
                  );
                })}
          </tbody>
        </table>
      </div>
      {editing ? (
        <PromotionForm promotion={editing === 'new' ? null : editing} today={today} codeOf={(id) => codes.get(id) ?? String(id)} tiers={tiers} categories={categories}
          onClose={() => setEditing(null)} onSaved={() => { setEditing(null); void load(); }} />
      ) : null}
    </div>
  );
}
