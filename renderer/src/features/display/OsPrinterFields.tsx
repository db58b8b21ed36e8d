import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { invoke } from '../../api/client.js';
import { Field } from '../../components/Field.js';

/** The printer settings' OS printer name, with the CUPS queues / Windows printers to pick from. */
export function SystemPrinterField({ value, onChange, error }: { value: string; onChange: (v: string) => void; error?: string | undefined }) {
  const { t } = useTranslation();
  const listId = useId();
  const [names, setNames] = useState<string[] | null>(null);
  useEffect(() => {
    let cancelled = false;
    void invoke('devices.systemPrinters', {}, { quiet: true }).then((r) => {
      if (!cancelled) setNames(r.ok ? r.value : []);
    });
    return () => {
      cancelled = true;
    };
  }, []);
  return (
    <Field id="printer-deviceName" label={t('checkout.devices.deviceName')} hint={names && names.length === 0 ? t('counter.settings.noSystemPrinters') : t('checkout.devices.deviceNameHint')} error={error}>
      {(p) => (
        <>
          <input {...p} list={listId} autoComplete="off" maxLength={260} value={value} onChange={(e) => onChange(e.target.value)} />
          <datalist id={listId} aria-label={t('counter.settings.systemPrinters')}>
            {names?.map((n) => <option key={n} value={n} />)}
          </datalist>
        </>
      )}
    </Field>
  );
}

/** A USB printer's device file (Linux /dev/usb/lp0). */
export function UsbPathField({ value, onChange, error }: { value: string; onChange: (v: string) => void; error?: string | undefined }) {
  const { t } = useTranslation();
  return (
    <Field id="printer-path" label={t('counter.settings.usbPath')} hint={t('counter.settings.usbPathHint')} error={error}>
      {(p) => <input {...p} autoComplete="off" maxLength={260} placeholder="/dev/usb/lp0" value={value} onChange={(e) => onChange(e.target.value)} />}
    </Field>
  );
}
