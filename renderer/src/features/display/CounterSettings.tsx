import { useEffect, useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { CounterSettings, PoleConfig } from '../../../../shared/contract/counter.js';
import type { Output } from '../../../../shared/contract/index.js';
import { getTransport, invoke } from '../../api/client.js';
import { SECRET_STORAGE_KEY } from '../../api/transport.js';
import { Field } from '../../components/Field.js';
import { SubmitButton } from '../../components/SubmitButton.js';
import { focusLater } from '../../components/focus.js';
import { notifySuccess } from '../../stores/notices.js';
import { tillSound, useSoundSettings } from '../../sound/till-sounds.js';

type Ports = Output<'devices.serialPorts'>;
type Screens = Output<'counter.screens'>;
const POLE_BAUDS = [2400, 4800, 9600, 19200] as const;

/** 设置 → 外设: the customer display, the pole display and the till's sounds (issue 16). */
export function CounterSettingsPanel({ ports }: { ports: Ports | null }) {
  const { t } = useTranslation();
  const [settings, setSettings] = useState<CounterSettings | null>(null);
  const [screens, setScreens] = useState<Screens>([]);
  useEffect(() => {
    let cancelled = false;
    void invoke('counter.settings', {}).then((r) => {
      if (!cancelled && r.ok) setSettings(r.value);
    });
    void invoke('counter.screens', {}, { quiet: true }).then((r) => {
      if (!cancelled && r.ok) setScreens(r.value);
    });
    return () => {
      cancelled = true;
    };
  }, []);
  if (!settings) return <p role="status">{t('common.loading')}</p>;
  const saved = (s: CounterSettings) => {
    setSettings(s);
    useSoundSettings.getState().set(s.sound);
  };
  return (
    <>
      <DisplayForm initial={settings.display} screens={screens} onSaved={saved} />
      <PoleForm initial={settings.pole} ports={ports} onSaved={saved} />
      <SoundForm initial={settings.sound} onSaved={saved} />
    </>
  );
}

function secondsOk(text: string): boolean {
  const n = Number(text);
  return Number.isInteger(n) && n >= 3 && n <= 120;
}

/** The browser host's display page, in a new window with this launch's secret. */
function openDisplayPage() {
  let secret: string | null = null;
  try {
    secret = sessionStorage.getItem(SECRET_STORAGE_KEY);
  } catch {
    secret = null;
  }
  if (secret) window.open(`/display#k=${encodeURIComponent(secret)}`, 'pos-customer-display', 'popup');
}

/**
 * 选择… beside a path (desktop app only): the OS open dialog picks it; the field keeps it
 * until the form is saved, and focus goes back to the field either way.
 */
function BrowseButton({ kind, label, field, onPicked }: { kind: 'folder' | 'image'; label: string; field: string; onPicked: (path: string) => void }) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const browse = async () => {
    if (busy) return;
    setBusy(true);
    const r = await invoke('counter.pickPath', { kind });
    setBusy(false);
    if (r.ok && r.value.path) onPicked(r.value.path);
    focusLater(field);
  };
  return (
    <button type="button" className="btn btn-outline" aria-label={label} aria-disabled={busy} onClick={() => void browse()}>
      {t('counter.settings.browse')}
    </button>
  );
}

function DisplayForm({ initial, screens, onSaved }: { initial: CounterSettings['display']; screens: Screens; onSaved: (s: CounterSettings) => void }) {
  const { t } = useTranslation();
  const [d, setD] = useState({ ...initial, picturesDir: initial.picturesDir ?? '', paymentCodeFile: initial.paymentCodeFile ?? '', slide: String(initial.slideSeconds), thanks: String(initial.thanksSeconds) });
  const [errors, setErrors] = useState<{ slide?: string | undefined; thanks?: string | undefined }>({});
  const [busy, setBusy] = useState(false);
  const desktop = getTransport()?.kind === 'bridge';
  const set = (patch: Partial<typeof d>) => setD((x) => ({ ...x, ...patch }));

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    const range = t('counter.settings.range', { min: 3, max: 120 });
    const next = { slide: secondsOk(d.slide) ? undefined : range, thanks: secondsOk(d.thanks) ? undefined : range };
    setErrors(next);
    if (next.slide || next.thanks) return focusLater(next.slide ? 'cd-slide' : 'cd-thanks');
    setBusy(true);
    const r = await invoke('counter.setSettings', {
      display: {
        window: d.window, screenId: d.screenId, picturesDir: d.picturesDir.trim() || null, paymentCodeFile: d.paymentCodeFile.trim() || null,
        slideSeconds: Number(d.slide), thanksSeconds: Number(d.thanks), topUpOffer: d.topUpOffer,
      },
    });
    setBusy(false);
    if (!r.ok) return;
    onSaved(r.value);
    notifySuccess('counter.settings.saved');
  };

  return (
    <form className="card devices-card" noValidate onSubmit={(e) => void submit(e)} aria-labelledby="cd-settings-title">
      <h2 id="cd-settings-title">{t('counter.settings.displayTitle')}</h2>
      {desktop ? (
        <>
          <label className="check-row">
            <input type="checkbox" checked={d.window} onChange={(e) => set({ window: e.target.checked })} />
            {t('counter.settings.window')}
          </label>
          <Field label={t('counter.settings.screen')} hint={screens.length === 0 ? t('counter.settings.noScreens') : undefined}>
            {(p) => (
              <select {...p} value={d.screenId ?? ''} onChange={(e) => set({ screenId: e.target.value === '' ? null : Number(e.target.value) })}>
                <option value="">{t('counter.settings.screenAuto')}</option>
                {screens.map((s) => <option key={s.id} value={s.id}>{`${s.label} (${s.width}×${s.height})`}</option>)}
              </select>
            )}
          </Field>
        </>
      ) : (
        <p className="small muted">
          <button type="button" className="btn btn-outline btn-sm" onClick={openDisplayPage}>{t('counter.settings.openPage')}</button> {t('counter.settings.openPageHint')}
        </p>
      )}
      <Field id="cd-pictures" label={t('counter.settings.picturesDir')} hint={t(desktop ? 'counter.settings.picturesDirHintDesktop' : 'counter.settings.picturesDirHint')}>
        {(p) => (
          <div className="path-field">
            <input {...p} autoComplete="off" maxLength={1000} value={d.picturesDir} onChange={(e) => set({ picturesDir: e.target.value })} />
            {desktop ? <BrowseButton kind="folder" label={t('counter.settings.browseFolder')} onPicked={(path) => set({ picturesDir: path })} field="cd-pictures" /> : null}
          </div>
        )}
      </Field>
      <Field id="cd-paycode" label={t('counter.settings.paymentCodeFile')}>
        {(p) => (
          <div className="path-field">
            <input {...p} autoComplete="off" maxLength={1000} value={d.paymentCodeFile} onChange={(e) => set({ paymentCodeFile: e.target.value })} />
            {desktop ? <BrowseButton kind="image" label={t('counter.settings.browseImage')} onPicked={(path) => set({ paymentCodeFile: path })} field="cd-paycode" /> : null}
          </div>
        )}
      </Field>
      <div className="field-pair">
        <Field id="cd-slide" label={t('counter.settings.slideSeconds')} error={errors.slide}>
          {(p) => <input {...p} inputMode="numeric" maxLength={3} value={d.slide} onChange={(e) => set({ slide: e.target.value.replace(/\D/g, '') })} />}
        </Field>
        <Field id="cd-thanks" label={t('counter.settings.thanksSeconds')} error={errors.thanks}>
          {(p) => <input {...p} inputMode="numeric" maxLength={3} value={d.thanks} onChange={(e) => set({ thanks: e.target.value.replace(/\D/g, '') })} />}
        </Field>
      </div>
      <label className="check-row">
        <input type="checkbox" checked={d.topUpOffer} onChange={(e) => set({ topUpOffer: e.target.checked })} />
        {t('counter.settings.topUpOffer')}
      </label>
      <div className="form-actions">
        <SubmitButton busy={busy} className="btn btn-primary">{busy ? t('common.saving') : t('counter.settings.save')}</SubmitButton>
      </div>
    </form>
  );
}

function PoleForm({ initial, ports, onSaved }: { initial: PoleConfig | null; ports: Ports | null; onSaved: (s: CounterSettings) => void }) {
  const { t } = useTranslation();
  const listId = useId();
  const [on, setOn] = useState(initial !== null);
  const [kind, setKind] = useState<PoleConfig['kind']>(initial?.kind ?? 'led8');
  const [path, setPath] = useState(initial?.path ?? '');
  const [baud, setBaud] = useState(initial?.baudRate ?? 9600);
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState('');

  const save = async (): Promise<boolean> => {
    if (on && !path.trim()) {
      setError(t('validation.required'));
      focusLater('pole-path');
      return false;
    }
    setError(undefined);
    setBusy(true);
    const r = await invoke('counter.setSettings', { pole: on ? { kind, path: path.trim(), baudRate: baud } : null });
    setBusy(false);
    if (r.ok) onSaved(r.value);
    return r.ok;
  };
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!busy && (await save())) notifySuccess('counter.settings.poleSaved');
  };
  const test = async () => {
    setResult('');
    if (!(await save())) return;
    const r = await invoke('devices.testPole', {});
    if (r.ok) setResult(t('counter.settings.poleState', { state: t(`status.device.${r.value.pole}`) }));
  };

  return (
    <form className="card devices-card" noValidate onSubmit={(e) => void submit(e)} aria-labelledby="pole-title">
      <h2 id="pole-title">{t('counter.settings.poleTitle')}</h2>
      <label className="check-row">
        <input type="checkbox" checked={on} onChange={(e) => setOn(e.target.checked)} />
        {t('counter.settings.poleOn')}
      </label>
      {on ? (
        <>
          <fieldset className="radio-row">
            <legend>{t('counter.settings.poleKind')}</legend>
            {(['led8', 'vfd'] as const).map((k) => (
              <label key={k} className="radio-pill">
                <input type="radio" name="pole-kind" checked={kind === k} onChange={() => setKind(k)} />
                {t(`counter.settings.poleKinds.${k}`)}
              </label>
            ))}
          </fieldset>
          <div className="field-pair">
            <Field id="pole-path" label={t('checkout.devices.serialPort')} hint={t('checkout.devices.portHint')} error={error}>
              {(p) => (
                <>
                  <input {...p} list={listId} autoComplete="off" maxLength={260} placeholder="/dev/ttyUSB1 · COM4" value={path} onChange={(e) => setPath(e.target.value)} />
                  <datalist id={listId}>{ports?.map((port) => <option key={port.path} value={port.path}>{port.manufacturer ?? ''}</option>)}</datalist>
                </>
              )}
            </Field>
            <Field label={t('checkout.devices.baud')}>
              {(p) => (
                <select {...p} value={baud} onChange={(e) => setBaud(Number(e.target.value))}>
                  {POLE_BAUDS.map((b) => <option key={b} value={b}>{b}</option>)}
                </select>
              )}
            </Field>
          </div>
        </>
      ) : null}
      <p className="devices-test" role="status">{result}</p>
      <div className="form-actions">
        <button type="button" className="btn btn-outline" disabled={!on} onClick={() => void test()}>{t('counter.settings.poleTest')}</button>
        <SubmitButton busy={busy} className="btn btn-primary">{busy ? t('common.saving') : t('counter.settings.poleSave')}</SubmitButton>
      </div>
    </form>
  );
}

function SoundForm({ initial, onSaved }: { initial: CounterSettings['sound']; onSaved: (s: CounterSettings) => void }) {
  const { t } = useTranslation();
  const [enabled, setEnabled] = useState(initial.enabled);
  const [volume, setVolume] = useState(initial.volume);
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    setBusy(true);
    const r = await invoke('counter.setSettings', { sound: { enabled, volume } });
    setBusy(false);
    if (!r.ok) return;
    onSaved(r.value);
    notifySuccess('counter.settings.soundSaved');
  };
  const tryIt = () => {
    const saved = useSoundSettings.getState();
    useSoundSettings.getState().set({ enabled, volume });
    tillSound('completed');
    useSoundSettings.getState().set(saved);
  };
  return (
    <form className="card devices-card" noValidate onSubmit={(e) => void submit(e)} aria-labelledby="sound-title">
      <h2 id="sound-title">{t('counter.settings.soundTitle')}</h2>
      <label className="check-row">
        <input type="checkbox" checked={enabled} onChange={(e) => setEnabled(e.target.checked)} />
        {t('counter.settings.soundOn')}
      </label>
      <Field id="sound-volume" label={`${t('counter.settings.volume')} ${volume}`}>
        {(p) => <input {...p} type="range" min={0} max={100} step={5} value={volume} disabled={!enabled} onChange={(e) => setVolume(Number(e.target.value))} />}
      </Field>
      <div className="form-actions">
        <button type="button" className="btn btn-outline" onClick={tryIt}>{t('counter.settings.soundTest')}</button>
        <SubmitButton busy={busy} className="btn btn-primary">{busy ? t('common.saving') : t('counter.settings.soundSave')}</SubmitButton>
      </div>
    </form>
  );
}
