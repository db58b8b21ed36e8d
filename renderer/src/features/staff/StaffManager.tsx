import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { StaffRow } from '../../../../shared/contract/staff.js';
import { ROLES, type Role } from '../../../../shared/roles.js';
import { invoke } from '../../api/client.js';
import { formatUntil } from '../../i18n/format.js';
import { useSession } from '../../stores/session.js';
import { notifySuccess } from '../../stores/notices.js';
import { Modal } from '../../components/Modal.js';
import { AddStaffForm } from './AddStaffForm.js';
import { ResetPinDialog } from './ResetPinDialog.js';

/** The owner's staff list: roles, activation, PIN resets, and adding people. */
export function StaffManager() {
  const { t, i18n } = useTranslation();
  const me = useSession((s) => s.staff);
  const [rows, setRows] = useState<StaffRow[] | null>(null);
  const [resetFor, setResetFor] = useState<StaffRow | null>(null);
  const [deactivateFor, setDeactivateFor] = useState<StaffRow | null>(null);

  const load = useCallback(async () => {
    const r = await invoke('staff.list', {});
    if (r.ok) setRows(r.value);
  }, []);
  useEffect(() => {
    void load();
  }, [load]);

  const replace = (row: StaffRow) => setRows((rs) => (rs ? rs.map((r) => (r.id === row.id ? row : r)) : rs));

  const update = async (row: StaffRow, patch: { role?: Role; active?: boolean }) => {
    const r = await invoke('staff.update', { id: row.id, ...patch });
    if (!r.ok) return false;
    replace(r.value);
    if (me && r.value.id === me.id) useSession.getState().setStaff({ id: me.id, name: r.value.name, role: r.value.role });
    const key = patch.active === false ? 'staff.deactivated' : patch.active === true ? 'staff.activated' : 'staff.updated';
    notifySuccess(key, { name: r.value.name });
    return true;
  };

  return (
    <div className="staff-manager">
      <div className="table-wrap">
        <table className="table">
          <caption className="table-caption">{t('staff.list')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('staff.name')}</th>
              <th scope="col">{t('staff.role')}</th>
              <th scope="col">{t('staff.status')}</th>
              <th scope="col">{t('staff.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {rows === null ? (
              <tr>
                <td colSpan={4} role="status">
                  {t('common.loading')}
                </td>
              </tr>
            ) : rows.length === 0 ? (
              <tr>
                <td colSpan={4}>{t('staff.empty')}</td>
              </tr>
            ) : (
              rows.map((row) => (
                <tr key={row.id} className={row.active ? undefined : 'row-inactive'}>
                  <th scope="row">
                    {row.name}
                    {me?.id === row.id ? <span className="muted"> {t('staff.you')}</span> : null}
                  </th>
                  <td>
                    <select
                      aria-label={t('staff.roleOf', { name: row.name })}
                      value={row.role}
                      disabled={!row.active}
                      onChange={(e) => void update(row, { role: e.target.value as Role })}
                    >
                      {ROLES.map((r) => (
                        <option key={r} value={r}>
                          {t(`roles.${r}`)}
                        </option>
                      ))}
                    </select>
                  </td>
                  <td>
                    <span className={row.active ? 'badge badge-ok' : 'badge badge-off'}>{row.active ? t('staff.active') : t('staff.inactive')}</span>
                    {row.lockedUntil ? <span className="badge badge-warn">{t('staff.lockedUntil', { time: formatUntil(row.lockedUntil, i18n.language) })}</span> : null}
                  </td>
                  <td>
                    <div className="row-actions">
                      <button type="button" className="btn btn-outline btn-sm" aria-label={t('staff.resetPinOf', { name: row.name })} onClick={() => setResetFor(row)}>
                        {t('staff.resetPin')}
                      </button>
                      {/* One button that toggles, so focus stays on it after the change. */}
                      <button
                        type="button"
                        className={row.active ? 'btn btn-danger-outline btn-sm' : 'btn btn-outline btn-sm'}
                        aria-label={row.active ? t('staff.deactivateOf', { name: row.name }) : t('staff.activateOf', { name: row.name })}
                        onClick={() => (row.active ? setDeactivateFor(row) : void update(row, { active: true }))}
                      >
                        {row.active ? t('staff.deactivate') : t('staff.activate')}
                      </button>
                    </div>
                  </td>
                </tr>
              ))
            )}
          </tbody>
        </table>
      </div>
      <AddStaffForm onAdded={() => void load()} />
      {resetFor ? (
        <ResetPinDialog
          staff={resetFor}
          onClose={() => setResetFor(null)}
          onDone={(row) => {
            replace(row);
            setResetFor(null);
          }}
        />
      ) : null}
      {deactivateFor ? (
        <Modal title={t('staff.deactivateOf', { name: deactivateFor.name })} onClose={() => setDeactivateFor(null)} role="alertdialog" initialFocusId="deactivate-cancel">
          <p className="lead">{t('staff.confirmDeactivate', { name: deactivateFor.name })}</p>
          <div className="modal-actions">
            <button id="deactivate-cancel" type="button" className="btn btn-ghost" onClick={() => setDeactivateFor(null)}>
              {t('common.cancel')}
            </button>
            <button
              type="button"
              className="btn btn-danger"
              onClick={() => {
                const row = deactivateFor;
                void update(row, { active: false }).then(() => setDeactivateFor(null));
              }}
            >
              {t('staff.deactivate')}
            </button>
          </div>
        </Modal>
      ) : null}
    </div>
  );
}
