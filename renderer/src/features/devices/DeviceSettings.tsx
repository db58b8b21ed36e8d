import { useCallback, useEffect, useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { BAUD_RATES, DEFAULT_PRINTER_PORT, type DeviceConfig, type PrinterConfig } from '../../../../shared/contract/devices.js';
import type { Output } from '../../../../shared/contract/index.js';
import { invoke } from '../../api/client.js';
import { Field } from '../../components/Field.js';
import { SubmitButton } from '../../components/SubmitButton.js';
import { focusLater } from '../../components/focus.js';
import { notifySuccess } from '../../stores/notices.js';
import '../catalogue/catalogue.css';
import './devices.css';
import { CounterSettingsPanel } from '../display/CounterSettings.js';
import { SystemPrinterField, UsbPathField } from '../display/OsPrinterFields.js';

type PrinterType = PrinterConfig['type'];
type Ports = Output<'devices.serialPorts'>;
const PRINTER_TYPES: PrinterType[] = ['none', 'network', 'serial', 'usb', 'system'];

interface PrinterDraft {
  type: PrinterType;
  host: string;
  port: string;
  path: string;
  baudRate: number;
  deviceName: string;
  paperWidth: 58 | 80;
  openDrawerOnCash: boolean;
}

function draftOf(p: PrinterConfig): PrinterDraft {
  return {
    type: p.type,
    host: p.type === 'network' ? p.host : '',
    port: String(p.type === 'network' ? p.port : DEFAULT_PRINTER_PORT),
    path: p.type === 'serial' || p.type === 'usb' ? p.path : '',
    baudRate: p.type === 'serial' ? p.baudRate : 9600,
    deviceName: p.type === 'system' ? p.deviceName : '',
    paperWidth: p.paperWidth,
    openDrawerOnCash: p.openDrawerOnCash,
  };
}

/** Settings → 外设 (managers): receipt printer, paper, cash drawer, test print; serial and keyboard-wedge scanners. */
export function DeviceSettings() {
  const { t } = useTranslation();
  const [config, setConfig] = useState<DeviceConfig | null>(null);
  const [ports, setPorts] = useState<Ports | null>(null);

  const loadPorts = useCallback(async () => {
    const r = await invoke('devices.serialPorts', {}, { quiet: true });
    setPorts(r.ok ? r.value : []);
  }, []);

  useEffect(() => {
    let cancelled = false;
    void invoke('devices.config', {}).then((r) => {
      if (!cancelled && r.ok) setConfig(r.value);
    });
    void loadPorts();
    return () => {
      cancelled = true;
    };
  }, [loadPorts]);

  if (!config) return <p role="status">{t('common.loading')}</p>;
  return (
    <div className="devices">
      <PrinterForm initial={config.printer} ports={ports} onSaved={(c) => setConfig(c)} onRefreshPorts={() => void loadPorts()} />
      <ScannerForm initial={config.scanner} ports={ports} onSaved={(c) => setConfig(c)} />
      <CounterSettingsPanel ports={ports} />
    </div>
  );
}

function PortField({ label, value, onChange, ports, error, id }: { label: string; value: string; onChange: (v: string) => void; ports: Ports | null; error?: string | undefined; id: string }) {
  const { t } = useTranslation();
  const listId = useId();
  return (
    <Field id={id} label={label} hint={ports && ports.length === 0 ? t('checkout.devices.noPorts') : t('checkout.devices.portHint')} error={error}>
      {(p) => (
        <>
          <input {...p} list={listId} autoComplete="off" maxLength={260} placeholder="/dev/ttyUSB0 · COM3" value={value} onChange={(e) => onChange(e.target.value)} />
          <datalist id={listId}>
            {ports?.map((port) => (
              <option key={port.path} value={port.path}>
                {port.manufacturer ?? ''}
              </option>
            ))}
          </datalist>
        </>
      )}
    </Field>
  );
}

function BaudField({ value, onChange }: { value: number; onChange: (n: number) => void }) {
  const { t } = useTranslation();
  return (
    <Field label={t('checkout.devices.baud')}>
      {(p) => (
        <select {...p} value={value} onChange={(e) => onChange(Number(e.target.value))}>
          {BAUD_RATES.map((b) => (
            <option key={b} value={b}>
              {b}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

function PrinterForm({ initial, ports, onSaved, onRefreshPorts }: { initial: PrinterConfig; ports: Ports | null; onSaved: (c: DeviceConfig) => void; onRefreshPorts: () => void }) {
  const { t } = useTranslation();
  const [d, setD] = useState<PrinterDraft>(() => draftOf(initial));
  const [errors, setErrors] = useState<Partial<Record<'host' | 'port' | 'path' | 'deviceName', string>>>({});
  const [busy, setBusy] = useState(false);
  const [testing, setTesting] = useState(false);
  const [testResult, setTestResult] = useState('');
  const set = (patch: Partial<PrinterDraft>) => setD((x) => ({ ...x, ...patch }));

  const build = (): PrinterConfig | null => {
    const common = { paperWidth: d.paperWidth, openDrawerOnCash: d.openDrawerOnCash };
    const next: typeof errors = {};
    let out: PrinterConfig | null = null;
    if (d.type === 'none') out = { type: 'none', ...common };
    else if (d.type === 'network') {
      const host = d.host.trim();
      const port = Number(d.port);
      if (!/^[A-Za-z0-9.:-]+$/.test(host)) next.host = t('checkout.devices.hostInvalid');
      if (!Number.isInteger(port) || port < 1 || port > 65535) next.port = t('checkout.devices.portInvalid');
      out = { type: 'network', host, port, ...common };
    } else if (d.type === 'serial') {
      if (!d.path.trim()) next.path = t('validation.required');
      out = { type: 'serial', path: d.path.trim(), baudRate: d.baudRate, ...common };
    } else if (d.type === 'usb') {
      if (!d.path.trim()) next.path = t('validation.required');
      out = { type: 'usb', path: d.path.trim(), ...common };
    } else {
      if (!d.deviceName.trim()) next.deviceName = t('validation.required');
      out = { type: 'system', deviceName: d.deviceName.trim(), ...common };
    }
    setErrors(next);
    const first = (['host', 'port', 'path', 'deviceName'] as const).find((k) => next[k]);
    if (first) {
      focusLater(`printer-${first}`);
      return null;
    }
    return out;
  };

  const save = async (e?: FormEvent): Promise<boolean> => {
    e?.preventDefault();
    if (busy) return false;
    const printer = build();
    if (!printer) return false;
    setBusy(true);
    const r = await invoke('devices.setConfig', { printer });
    setBusy(false);
    if (!r.ok) return false;
    onSaved(r.value);
    setD(draftOf(r.value.printer));
    if (e) notifySuccess('checkout.devices.printerSaved');
    return true;
  };

  const test = async () => {
    if (testing) return;
    setTesting(true);
    setTestResult('');
    // Test what is on the form: save it first.
    if (await save()) {
      const r = await invoke('devices.testPrint', {});
      if (r.ok) setTestResult(t('checkout.devices.testResult', { state: t(`status.device.${r.value.printer}`) }));
    }
    setTesting(false);
  };

  return (
    <form className="card devices-card" noValidate onSubmit={(e) => void save(e)} aria-labelledby="printer-title">
      <h2 id="printer-title">{t('checkout.devices.printer')}</h2>
      <fieldset className="radio-row">
        <legend>{t('checkout.devices.type')}</legend>
        {PRINTER_TYPES.map((type) => (
          <label key={type} className="radio-pill">
            <input type="radio" name="printer-type" checked={d.type === type} onChange={() => set({ type })} />
            {t(`checkout.devices.types.${type}`)}
          </label>
        ))}
      </fieldset>
      {d.type === 'network' ? (
        <div className="field-pair">
          <Field id="printer-host" label={t('checkout.devices.host')} hint={t('checkout.devices.hostHint')} error={errors.host}>
            {(p) => <input {...p} autoComplete="off" maxLength={253} placeholder="192.168.1.50" value={d.host} onChange={(e) => set({ host: e.target.value })} />}
          </Field>
          <Field id="printer-port" label={t('checkout.devices.port')} error={errors.port}>
            {(p) => <input {...p} inputMode="numeric" autoComplete="off" maxLength={5} value={d.port} onChange={(e) => set({ port: e.target.value.replace(/\D/g, '') })} />}
          </Field>
        </div>
      ) : null}
      {d.type === 'serial' ? (
        <div className="field-pair">
          <PortField id="printer-path" label={t('checkout.devices.serialPort')} value={d.path} onChange={(path) => set({ path })} ports={ports} error={errors.path} />
          <BaudField value={d.baudRate} onChange={(baudRate) => set({ baudRate })} />
        </div>
      ) : null}
      {d.type === 'serial' ? (
        <button type="button" className="btn btn-ghost btn-sm" onClick={onRefreshPorts}>
          {t('checkout.devices.refreshPorts')}
        </button>
      ) : null}
      {d.type === 'usb' ? <UsbPathField value={d.path} onChange={(path) => set({ path })} error={errors.path} /> : null}
      {d.type === 'system' ? <SystemPrinterField value={d.deviceName} onChange={(deviceName) => set({ deviceName })} error={errors.deviceName} /> : null}
      <fieldset className="radio-row">
        <legend>{t('checkout.devices.paper')}</legend>
        {([58, 80] as const).map((w) => (
          <label key={w} className="radio-pill">
            <input type="radio" name="paper" checked={d.paperWidth === w} onChange={() => set({ paperWidth: w })} />
            {t('checkout.devices.paperWidth', { mm: w })}
          </label>
        ))}
      </fieldset>
      <label className="check-row">
        <input type="checkbox" checked={d.openDrawerOnCash} onChange={(e) => set({ openDrawerOnCash: e.target.checked })} />
        {t('checkout.devices.drawerOnCash')}
      </label>
      <p className="devices-test" role="status">
        {testResult}
      </p>
      <div className="form-actions">
        <button type="button" className="btn btn-outline" aria-disabled={testing || d.type === 'none'} disabled={d.type === 'none'} onClick={() => void test()}>
          {testing ? t('checkout.devices.testing') : t('checkout.devices.test')}
        </button>
        <SubmitButton busy={busy} className="btn btn-primary">
          {busy ? t('common.saving') : t('checkout.devices.savePrinter')}
        </SubmitButton>
      </div>
    </form>
  );
}

function ScannerForm({ initial, ports, onSaved }: { initial: DeviceConfig['scanner']; ports: Ports | null; onSaved: (c: DeviceConfig) => void }) {
  const { t } = useTranslation();
  const [serial, setSerial] = useState(initial.serial !== null);
  const [path, setPath] = useState(initial.serial?.path ?? '');
  const [baud, setBaud] = useState(initial.serial?.baudRate ?? 9600);
  const [minLength, setMinLength] = useState(String(initial.wedge.minLength));
  const [maxGap, setMaxGap] = useState(String(initial.wedge.maxGapMs));
  const [errors, setErrors] = useState<Partial<Record<'path' | 'minLength' | 'maxGap', string>>>({});
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    const next: typeof errors = {};
    const min = Number(minLength);
    const gap = Number(maxGap);
    if (serial && !path.trim()) next.path = t('validation.required');
    if (!Number.isInteger(min) || min < 3 || min > 64) next.minLength = t('checkout.devices.range', { min: 3, max: 64 });
    if (!Number.isInteger(gap) || gap < 5 || gap > 200) next.maxGap = t('checkout.devices.range', { min: 5, max: 200 });
    setErrors(next);
    const first = (['path', 'minLength', 'maxGap'] as const).find((k) => next[k]);
    if (first) return focusLater(`scanner-${first}`);
    setBusy(true);
    const r = await invoke('devices.setConfig', {
      scanner: { serial: serial ? { path: path.trim(), baudRate: baud } : null, wedge: { minLength: min, maxGapMs: gap } },
    });
    setBusy(false);
    if (!r.ok) return;
    onSaved(r.value);
    notifySuccess('checkout.devices.scannerSaved');
  };

  return (
    <form className="card devices-card" noValidate onSubmit={(e) => void submit(e)} aria-labelledby="scanner-title">
      <h2 id="scanner-title">{t('checkout.devices.scanner')}</h2>
      <h3>{t('checkout.devices.wedge')}</h3>
      <p className="small muted">{t('checkout.devices.wedgeHint')}</p>
      <div className="field-pair">
        <Field id="scanner-minLength" label={t('checkout.devices.minLength')} error={errors.minLength}>
          {(p) => <input {...p} inputMode="numeric" autoComplete="off" maxLength={2} value={minLength} onChange={(e) => setMinLength(e.target.value.replace(/\D/g, ''))} />}
        </Field>
        <Field id="scanner-maxGap" label={t('checkout.devices.maxGap')} error={errors.maxGap}>
          {(p) => <input {...p} inputMode="numeric" autoComplete="off" maxLength={3} value={maxGap} onChange={(e) => setMaxGap(e.target.value.replace(/\D/g, ''))} />}
        </Field>
      </div>
      <h3>{t('checkout.devices.serialScanner')}</h3>
      <label className="check-row">
        <input type="checkbox" checked={serial} onChange={(e) => setSerial(e.target.checked)} />
        {t('checkout.devices.useSerial')}
      </label>
      {serial ? (
        <div className="field-pair">
          <PortField id="scanner-path" label={t('checkout.devices.serialPort')} value={path} onChange={setPath} ports={ports} error={errors.path} />
          <BaudField value={baud} onChange={setBaud} />
        </div>
      ) : null}
      <div className="form-actions">
        <SubmitButton busy={busy} className="btn btn-primary">
          {busy ? t('common.saving') : t('checkout.devices.saveScanner')}
        </SubmitButton>
      </div>
    </form>
  );
}
