import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { invoke } from '../../api/client.js';
import { useSession } from '../../stores/session.js';
import { notifyError } from '../../stores/notices.js';
import { PinPad } from '../../components/PinPad.js';
import { focusLater, restoreFocus } from '../../components/focus.js';
import { signOut, takeFocusBeforeLock } from '../../app/session-actions.js';
import { SubmitButton } from '../../components/SubmitButton.js';

const LOCK_PIN_ID = 'lock-pin';

/**
 * Covers the shell (which stays mounted and inert) until the person who locked it types
 * their PIN. Anyone else signs out.
 */
export function LockScreen() {
  const { t } = useTranslation();
  const staff = useSession((s) => s.staff);
  const [pin, setPin] = useState('');
  const busy = useRef(false);
  const [busyView, setBusyView] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy.current) return;
    if (!/^\d{4,8}$/.test(pin)) {
      notifyError({ code: 'bad_input', messageKey: 'validation.pinFormat' });
      focusLater(LOCK_PIN_ID);
      return;
    }
    busy.current = true;
    setBusyView(true);
    const r = await invoke('auth.unlock', { pin });
    busy.current = false;
    setBusyView(false);
    setPin('');
    if (r.ok) {
      useSession.getState().setLocked(false);
      restoreFocus(takeFocusBeforeLock());
    } else if (useSession.getState().token) {
      focusLater(LOCK_PIN_ID);
    }
  };

  return (
    <div className="lock-screen" role="dialog" aria-modal="true" aria-labelledby="lock-title" aria-describedby="lock-body">
      <form className="card lock-card" onSubmit={(e) => void submit(e)} noValidate>
        <svg className="lock-icon" viewBox="0 0 24 24" width="44" height="44" aria-hidden="true" focusable="false">
          <rect x="4" y="10" width="16" height="11" rx="2" fill="currentColor" />
          <path d="M8 10V7a4 4 0 0 1 8 0v3" fill="none" stroke="currentColor" strokeWidth="2.2" strokeLinecap="round" />
        </svg>
        <h1 id="lock-title">{t('lock.title')}</h1>
        <p id="lock-body" className="lead">
          {staff ? t('lock.body', { name: staff.name, role: t(`roles.${staff.role}`) }) : null}
        </p>
        <PinPad inputId={LOCK_PIN_ID} value={pin} onChange={setPin} label={t('signin.pin')} captureKeyboard autoFocus />
        <SubmitButton busy={busyView} className="btn btn-primary btn-xl btn-block">
          {busyView ? t('lock.unlocking') : t('lock.unlock')}
        </SubmitButton>
        <div className="lock-foot">
          <span className="muted">{t('lock.otherStaff')}</span>
          <button type="button" className="btn btn-ghost" onClick={() => void signOut()}>
            {t('shell.signOut')}
          </button>
        </div>
      </form>
    </div>
  );
}
