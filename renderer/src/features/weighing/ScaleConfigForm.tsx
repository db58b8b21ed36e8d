import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ScaleConfig } from '../../../../shared/contract/weighing.js';
import { invoke } from '../../api/client.js';
import { notifySuccess } from '../../stores/notices.js';
import { loose } from './loose-t.js';

/** This till's serial scale (电子秤): its port, speed, protocol and range. Empty port = no scale (weights typed). */
export function ScaleConfigForm() {
  const { t: tt } = useTranslation();
  const t = loose(tt);
  const [c, setC] = useState<ScaleConfig | null>(null);
  const [path, setPath] = useState('');
  useEffect(() => {
    void invoke('scale.config', {}).then((r) => { if (r.ok) { setC(r.value); setPath(r.value.path ?? ''); } });
  }, []);
  if (!c) return null;
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const r = await invoke('scale.setConfig', { ...c, path: path.trim() === '' ? null : path.trim() });
    if (r.ok) { setC(r.value); notifySuccess('weighing.scale.saved'); }
  };
  return (
    <section aria-labelledby="wg-scale-h">
      <h2 id="wg-scale-h">{t('weighing.scale.title')}</h2>
      <p className="muted">{t('weighing.scale.intro')}</p>
      <form className="wg-inline" onSubmit={(e) => void submit(e)}>
        <label className="field"><span>{t('weighing.scale.path')}</span><input value={path} placeholder="/dev/ttyUSB0 · COM3" onChange={(e) => setPath(e.target.value)} /></label>
        <label className="field">
          <span>{t('weighing.scale.baud')}</span>
          <select value={c.baudRate} onChange={(e) => setC({ ...c, baudRate: Number(e.target.value) })}>
            {[2400, 4800, 9600, 19200, 38400].map((b) => <option key={b} value={b}>{b}</option>)}
          </select>
        </label>
        <label className="field">
          <span>{t('weighing.scale.protocol')}</span>
          <select value={c.protocol} onChange={(e) => setC({ ...c, protocol: e.target.value as ScaleConfig['protocol'] })}>
            <option value="continuous">{t('weighing.scale.continuous')}</option>
            <option value="sics">{t('weighing.scale.sics')}</option>
          </select>
        </label>
        <label className="field"><span>{t('weighing.template.maxKg')}</span><input type="number" min={0.001} step={0.001} value={c.maxGrams / 1000} onChange={(e) => setC({ ...c, maxGrams: Math.round(Number(e.target.value) * 1000) || 1 })} /></label>
        <button type="submit" className="btn btn-primary">{t('common.save')}</button>
      </form>
    </section>
  );
}
