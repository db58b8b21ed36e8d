import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Output } from '../../../../shared/contract/index.js';
import type { DisplayFrame } from '../../../../shared/display/state.js';
import { invoke, getTransport } from '../../api/client.js';
import { onPosEvent } from '../../api/events.js';
import { STREAM_OPEN } from '../../api/event-stream.js';
import { DisplayScreen } from './DisplayScreen.js';
import { isNewer } from './frames.js';
import './display.css';

type Media = Output<'display.media'>;

/**
 * The customer display (副屏): the second window of the desktop app, or the browser host's
 * /display page opened on the second monitor with the till's link. It signs in as nobody and
 * only reads: the current frame when it opens (and whenever its event stream reopens), then
 * each display.state event; a frame older than the one shown is ignored. No polling.
 */
export function DisplayApp() {
  const { t } = useTranslation();
  const [frame, setFrame] = useState<DisplayFrame | null>(null);
  const [media, setMedia] = useState<Media | null>(null);
  const [lost, setLost] = useState(false);
  const shown = useRef<{ epoch: number; seq: number } | null>(null);

  useEffect(() => {
    const take = (f: DisplayFrame) => {
      // A frame older than the one shown (an answer to display.current overtaken by an event)
      // is dropped; a frame of a new run of the core is always taken.
      if (!isNewer(shown.current, f)) return;
      shown.current = { epoch: f.epoch, seq: f.seq };
      setFrame(f);
    };
    const read = async () => {
      const r = await invoke('display.current', {}, { quiet: true });
      if (r.ok) {
        take(r.value);
        setLost(false);
      } else setLost(true);
      const m = await invoke('display.media', {}, { quiet: true });
      if (m.ok) setMedia(m.value);
    };
    void read();
    const off = onPosEvent('display.state', (e) => take({ epoch: e.epoch, seq: e.seq, state: e.state }));
    const offOpen = getTransport()?.on(STREAM_OPEN, () => void read());
    return () => {
      off();
      offOpen?.();
    };
  }, []);

  useEffect(() => {
    document.title = t('counter.display.title');
    document.documentElement.classList.add('customer-display-root');
  }, [t]);

  return (
    <main className="cd" aria-label={t('counter.display.title')} data-stage={frame?.state.stage ?? 'loading'} data-seq={frame?.seq ?? -1}>
      {frame ? <DisplayScreen state={frame.state} media={media} /> : <p className="cd-wait">{lost ? t('counter.display.lost') : t('common.loading')}</p>}
    </main>
  );
}
