import { useTranslation } from 'react-i18next';

/**
 * 编辑 and 停用/启用 for a row of the offers lists (coupon templates, count-card types): both
 * buttons name the row for screen readers; the toggle has an id so focus can follow it after
 * the list re-sorts.
 */
export function EditToggleActions({ name, active, toggleId, onEdit, onToggle }: {
  name: string;
  active: boolean;
  toggleId: string;
  onEdit: () => void;
  onToggle: () => void;
}) {
  const { t } = useTranslation();
  return (
    <td className="offers-actions">
      <button type="button" className="btn btn-outline btn-sm" aria-label={t('offers.editOf', { name })} onClick={onEdit}>
        {t('offers.edit')}
      </button>
      <button id={toggleId} type="button" className="btn btn-ghost btn-sm" aria-label={t(active ? 'offers.deactivateOf' : 'offers.activateOf', { name })} onClick={onToggle}>
        {t(active ? 'offers.deactivate' : 'offers.activate')}
      </button>
    </td>
  );
}
