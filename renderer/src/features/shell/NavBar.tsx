import { useTranslation } from 'react-i18next';
import type { Role } from '../../../../shared/roles.js';
import { visibleSections, type SectionId } from '../../app/sections.js';
import { useApp } from '../../stores/app.js';
import { focusHeading } from '../../components/focus.js';

const ICONS: Record<SectionId, string> = {
  checkout: '¥',
  members: '☺',
  rewards: '★',
  complaints: '✎',
  reports: '▤',
  settings: '⚙',
  stock: '▦',
};

export function NavBar({ role }: { role: Role }) {
  const { t } = useTranslation();
  const section = useApp((s) => s.section);
  const navigate = useApp((s) => s.navigate);
  return (
    <nav className="sidenav" aria-label={t('shell.nav')}>
      <ul>
        {visibleSections(role).map((s) => (
          <li key={s.id}>
            <button
              type="button"
              className="nav-item"
              aria-current={s.id === section ? 'page' : undefined}
              aria-keyshortcuts={`${s.key} Alt+${s.altDigit}`}
              onClick={() => {
                navigate(s.id);
                focusHeading();
              }}
            >
              <span className="nav-icon" aria-hidden="true">
                {ICONS[s.id]}
              </span>
              <span className="nav-label">{t(`sections.${s.id}`)}</span>
              <kbd className="nav-key" aria-hidden="true">
                {s.key}
              </kbd>
            </button>
          </li>
        ))}
      </ul>
    </nav>
  );
}
