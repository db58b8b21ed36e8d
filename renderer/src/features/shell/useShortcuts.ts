import { useEffect } from 'react';
import { canSee, shortcutFor } from '../../app/sections.js';
import { useApp } from '../../stores/app.js';
import { useSession } from '../../stores/session.js';
import { useOverlays } from '../../stores/overlays.js';
import { notifyError } from '../../stores/notices.js';
import { focusHeading } from '../../components/focus.js';
import { lockScreen } from '../../app/session-actions.js';

/**
 * The shell's keyboard: F1 help, F2–F7 (or Alt+1–6) sections, Ctrl+L lock. Ignored while
 * the screen is locked or a dialog is open (its own keys, and Esc, belong to it).
 */
export function useShellShortcuts(): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.repeat) return;
      const action = shortcutFor(e);
      if (!action) return;
      e.preventDefault(); // F1 help, F5 reload and Ctrl+L address bar are the till's keys here
      const session = useSession.getState();
      if (session.locked || !session.staff) return;
      if (useOverlays.getState().stack.length > 0) return;
      const app = useApp.getState();
      if (action.type === 'help') app.setHelpOpen(true);
      else if (action.type === 'lock') void lockScreen();
      else if (canSee(session.staff.role, action.id)) {
        app.navigate(action.id);
        focusHeading();
      } else {
        notifyError({ code: 'forbidden', messageKey: 'errors.forbidden', details: { section: action.id } });
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
