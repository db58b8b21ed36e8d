import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { StaffSummary } from '../../../../shared/contract/staff.js';
import { invoke } from '../../api/client.js';
import { useApp } from '../../stores/app.js';
import { notifyError } from '../../stores/notices.js';
import { LanguageSwitcher } from '../../components/LanguageSwitcher.js';
import { PinPad } from '../../components/PinPad.js';
import { focusLater, focusSelectorLater } from '../../components/focus.js';
import { completeSignIn } from '../../app/session-actions.js';
import { StaffPicker } from './StaffPicker.js';
import { demoPinHints } from './demo-pins.js';
import { PageHeading } from '../../components/PageHeading.js';
import { SubmitButton } from '../../components/SubmitButton.js';

const LAST_STAFF_KEY = 'pos.lastStaffId';
const PIN_INPUT_ID = 'signin-pin';
/** The staff radio group's Tab stop (the selected person, else the first). */
const STAFF_TAB_STOP = '#staff-picker [role="radio"][tabindex="0"]';
const focusStaffPicker = () => focusSelectorLater(STAFF_TAB_STOP);

function lastStaffId(): number | null {
  try {
    const v = Number(localStorage.getItem(LAST_STAFF_KEY));
    return Number.isInteger(v) && v > 0 ? v : null;
  } catch {
    return null;
  }
}

/** Pick yourself, type the PIN (keyboard or pad), Enter. */
export function SignInPage() {
  const { t } = useTranslation();
  const status = useApp((s) => s.status);
  const [staff, setStaff] = useState<StaffSummary[] | null>(null);
  const [selected, setSelected] = useState<number | null>(null);
  const [pin, setPin] = useState('');
  const busy = useRef(false);
  const [busyView, setBusyView] = useState(false);

  useEffect(() => {
    let cancelled = false;
    void invoke('auth.staffList', {}).then((r) => {
      if (cancelled || !r.ok) return;
      setStaff(r.value);
      const last = lastStaffId();
      const pre = r.value.length === 1 ? r.value[0]!.id : r.value.some((s) => s.id === last) ? last : null;
      setSelected(pre);
      if (pre === null) focusStaffPicker();
      else focusLater(PIN_INPUT_ID);
    });
    return () => {
      cancelled = true;
    };
  }, []);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy.current) return;
    if (selected === null) {
      notifyError({ code: 'bad_input', messageKey: 'validation.chooseStaff' });
      focusStaffPicker();
      return;
    }
    if (!/^\d{4,8}$/.test(pin)) {
      notifyError({ code: 'bad_input', messageKey: 'validation.pinFormat' });
      focusLater(PIN_INPUT_ID);
      return;
    }
    busy.current = true;
    setBusyView(true);
    const r = await invoke('auth.signIn', { staffId: selected, pin });
    busy.current = false;
    setBusyView(false);
    if (r.ok) {
      try {
        localStorage.setItem(LAST_STAFF_KEY, String(r.value.staff.id));
      } catch {
        /* convenience only */
      }
      completeSignIn(r.value);
      return;
    }
    setPin('');
    if (r.error.code === 'not_found') {
      // Deactivated meanwhile: refresh the list.
      const list = await invoke('auth.staffList', {}, { quiet: true });
      if (list.ok) setStaff(list.value);
      setSelected(null);
      focusStaffPicker();
      return;
    }
    focusLater(PIN_INPUT_ID);
  };

  const hints = status?.demo && staff ? demoPinHints(staff, status.demoPins) : [];
  const selectedStaff = staff?.find((s) => s.id === selected) ?? null;

  return (
    <main className="signin">
      <header className="signin-head">
        <div>
          <p className="brand">{status?.shopName || t('app.name')}</p>
          <PageHeading>
            {t('signin.title')}
          </PageHeading>
        </div>
        <LanguageSwitcher />
      </header>
      <div className="signin-grid">
        <section className="card" aria-labelledby="staff-title">
          <h2 id="staff-title">{t('signin.chooseStaff')}</h2>
          {staff === null ? (
            <p role="status">{t('common.loading')}</p>
          ) : staff.length === 0 ? (
            <p>{t('signin.noStaff')}</p>
          ) : (
            <StaffPicker
              id="staff-picker"
              labelledBy="staff-title"
              staff={staff}
              selected={selected}
              onSelect={(id, how) => {
                setSelected(id);
                setPin('');
                if (how === 'pointer') focusLater(PIN_INPUT_ID);
              }}
            />
          )}
          {hints.length > 0 ? (
            <aside className="demo-hint" aria-labelledby="demo-hint-title">
              <h3 id="demo-hint-title">{t('signin.demoHint')}</h3>
              <ul>
                {hints.map((h) => (
                  <li key={h.id}>{t('signin.demoPin', { name: h.name, role: t(`roles.${h.role}`), pin: h.pin })}</li>
                ))}
              </ul>
            </aside>
          ) : null}
        </section>
        <form className="card pin-card" onSubmit={(e) => void submit(e)} noValidate>
          <h2 id="pin-title">
            {selectedStaff ? (
              <>
                {t('signin.pin')} · <span className="pin-who">{selectedStaff.name}</span>
              </>
            ) : (
              t('signin.pin')
            )}
          </h2>
          <PinPad inputId={PIN_INPUT_ID} value={pin} onChange={setPin} label={t('signin.pin')} captureKeyboard />
          <SubmitButton busy={busyView} className="btn btn-primary btn-xl btn-block">
            {busyView ? t('signin.signingIn') : t('signin.submit')}
          </SubmitButton>
          <p className="muted small">{t('signin.keyboardHint')}</p>
        </form>
      </div>
    </main>
  );
}
