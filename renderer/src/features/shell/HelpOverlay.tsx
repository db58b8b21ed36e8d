import { useTranslation } from 'react-i18next';
import type { Role } from '../../../../shared/roles.js';
import { canSee, visibleSections } from '../../app/sections.js';
import { Modal } from '../../components/Modal.js';
import { checkoutHelpRows } from '../checkout/shortcuts.js';
import { reportsHelpRows } from '../reports/shortcuts.js';
import { complaintsHelpRows } from '../complaints/shortcut.js';

/** F1: every keyboard shortcut of the shell, for the signed-in role. Esc or the button closes it. */
export function HelpOverlay({ role, onClose }: { role: Role; onClose: () => void }) {
  const { t } = useTranslation();
  const rows: Array<{ keys: string[]; action: string }> = [
    { keys: ['F1'], action: t('help.open') },
    { keys: ['Esc'], action: t('help.close') },
    ...visibleSections(role).map((s) => ({ keys: [s.key, `Alt+${s.altDigit}`], action: t('help.goTo', { section: t(`sections.${s.id}`) }) })),
    { keys: ['Ctrl+L'], action: t('help.lock') },
    { keys: ['0–9', 'Backspace', 'Enter'], action: t('help.pin') },
    { keys: ['Tab', 'Shift+Tab'], action: t('help.tab') },
    ...checkoutHelpRows(t),
    ...(canSee(role, 'reports') ? reportsHelpRows(t) : []),
    ...complaintsHelpRows(t),
  ];
  return (
    <Modal title={t('help.title')} onClose={onClose} initialFocusId="help-close" wide>
      <table className="table shortcuts">
        <caption className="sr-only">{t('help.title')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('help.key')}</th>
            <th scope="col">{t('help.action')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.action}>
              <td>
                {r.keys.map((k, i) => (
                  <span key={k}>
                    {i > 0 ? <span className="muted"> / </span> : null}
                    <kbd>{k}</kbd>
                  </span>
                ))}
              </td>
              <td>{r.action}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="modal-actions">
        <span className="muted">{t('help.closeHint')}</span>
        <button id="help-close" type="button" className="btn btn-primary" onClick={onClose}>
          {t('common.close')}
        </button>
      </div>
    </Modal>
  );
}
