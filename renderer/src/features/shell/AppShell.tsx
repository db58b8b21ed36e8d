import { useEffect, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useApp } from '../../stores/app.js';
import { useSession } from '../../stores/session.js';
import { canSee } from '../../app/sections.js';
import { lockScreen, signOut } from '../../app/session-actions.js';
import { LanguageSwitcher } from '../../components/LanguageSwitcher.js';
import { Modal } from '../../components/Modal.js';
import { CheckoutPage } from '../checkout/CheckoutPage.js';
import { MembersPage } from '../members/MembersPage.js';
import { RewardsPage } from '../rewards/RewardsPage.js';
import { SettingsPage } from '../settings/SettingsPage.js';
import { ReportsPage } from '../reports/ReportsPage.js';
import { StockPage } from '../stock/StockPage.js';
import { ComplaintsPage } from '../complaints/ComplaintsPage.js';
import { ComplaintLogHost } from '../complaints/ComplaintLogDialog.js';
import { ChangePinForm } from '../settings/ChangePinForm.js';
import { NavBar } from './NavBar.js';
import { StatusBar } from './StatusBar.js';
import { HelpOverlay } from './HelpOverlay.js';
import { useShellShortcuts } from './useShortcuts.js';

/** Arrow keys move between the toolbar's buttons (Tab still reaches each of them). */
function moveInToolbar(e: KeyboardEvent<HTMLDivElement>) {
  if (e.key !== 'ArrowLeft' && e.key !== 'ArrowRight') return;
  const buttons = [...e.currentTarget.querySelectorAll<HTMLButtonElement>('button:not(:disabled)')];
  const i = buttons.indexOf(document.activeElement as HTMLButtonElement);
  if (i < 0) return;
  e.preventDefault();
  buttons[(i + (e.key === 'ArrowRight' ? 1 : buttons.length - 1)) % buttons.length]?.focus();
}

/** The signed-in frame: toolbar, role-aware navigation, the current section, the status bar. */
export function AppShell({ inert }: { inert: boolean }) {
  const { t } = useTranslation();
  const staff = useSession((s) => s.staff);
  const shopName = useApp((s) => s.status?.shopName ?? '');
  const section = useApp((s) => s.section);
  const helpOpen = useApp((s) => s.helpOpen);
  const setHelpOpen = useApp((s) => s.setHelpOpen);
  const [pinOpen, setPinOpen] = useState(false);
  useShellShortcuts();

  // A role change (or a section kept from another sign-in) may leave a section this person cannot see.
  useEffect(() => {
    if (staff && !canSee(staff.role, section)) useApp.getState().navigate('checkout');
  }, [staff, section]);

  if (!staff) return null;
  return (
    <div className="shell" inert={inert}>
      <header className="topbar">
        <div className="topbar-brand">
          <span className="brand">{shopName || t('app.name')}</span>
        </div>
        <div className="topbar-tools" role="toolbar" aria-label={t('shell.toolbar')} onKeyDown={moveInToolbar}>
          <LanguageSwitcher persist />
          <button type="button" className="btn btn-ghost" aria-keyshortcuts="F1" onClick={() => setHelpOpen(true)}>
            {t('shell.help')} <kbd aria-hidden="true">F1</kbd>
          </button>
          <button type="button" className="btn btn-ghost" onClick={() => setPinOpen(true)}>
            {t('shell.changePin')}
          </button>
          <button type="button" className="btn btn-ghost" aria-keyshortcuts="Control+L" onClick={() => void lockScreen()}>
            {t('shell.lock')} <kbd aria-hidden="true">Ctrl+L</kbd>
          </button>
          <button type="button" className="btn btn-outline" onClick={() => void signOut()}>
            {t('shell.signOut')}
          </button>
        </div>
      </header>
      <NavBar role={staff.role} />
      <main id="main" className="content">
        {/* Keyed by section: each page mounts afresh and its heading takes focus. */}
        {section === 'checkout' ? <CheckoutPage key={section} /> : null}
        {section === 'members' ? <MembersPage key={section} /> : null}
        {section === 'rewards' ? <RewardsPage key={section} /> : null}
        {section === 'settings' && canSee(staff.role, 'settings') ? <SettingsPage key={section} /> : null}
        {section === 'complaints' ? <ComplaintsPage key={section} /> : null}
        {section === 'reports' && canSee(staff.role, 'reports') ? <ReportsPage key={section} /> : null}
        {section === 'stock' ? <StockPage key={section} /> : null}
      </main>
      <StatusBar staff={staff} />
      <ComplaintLogHost staffId={staff.id} />
      {helpOpen ? <HelpOverlay role={staff.role} onClose={() => setHelpOpen(false)} /> : null}
      {pinOpen ? (
        <Modal title={t('shell.changePin')} onClose={() => setPinOpen(false)}>
          <ChangePinForm onDone={() => setPinOpen(false)} onCancel={() => setPinOpen(false)} />
        </Modal>
      ) : null}
    </div>
  );
}
