import { tonePlan, type SoundSettings, type TillSound } from './tones.js';

/**
 * Plays a sound with Web Audio. The AudioContext is made on the first sound (browsers allow
 * audio once the page has had a key press or click, which a till always has by then); a
 * browser without Web Audio stays silent rather than failing.
 */
let context: AudioContext | null = null;

function audio(): AudioContext | null {
  if (context) return context;
  const Ctx = typeof window !== 'undefined' ? window.AudioContext : undefined;
  if (!Ctx) return null;
  try {
    context = new Ctx();
  } catch {
    return null;
  }
  return context;
}

/**
 * Makes the AudioContext ahead of the first sound, once the page is idle. Making it starts the
 * browser's audio service (about 0.3 s in Chromium here), and the first sound is played as the
 * scanned line is added: without this, the day's first scan waited for it.
 */
export function warmUpAudio(): void {
  if (context || typeof window === 'undefined' || typeof window.AudioContext !== 'function') return;
  const later = typeof window.requestIdleCallback === 'function' ? (cb: () => void) => window.requestIdleCallback(cb, { timeout: 2000 }) : (cb: () => void) => setTimeout(cb, 500);
  later(() => void audio());
}

export function playSound(sound: TillSound, settings: SoundSettings): number {
  const plan = tonePlan(sound, settings);
  if (plan.length === 0) return 0;
  const ctx = audio();
  if (!ctx) return 0;
  if (ctx.state === 'suspended') void ctx.resume().catch(() => {});
  const t0 = ctx.currentTime + 0.01;
  for (const tone of plan) {
    const osc = ctx.createOscillator();
    const gain = ctx.createGain();
    osc.type = tone.wave;
    osc.frequency.value = tone.freqHz;
    const start = t0 + tone.startMs / 1000;
    const end = start + tone.durationMs / 1000;
    // A few ms of ramp at each end: no click.
    gain.gain.setValueAtTime(0, start);
    gain.gain.linearRampToValueAtTime(tone.gain, start + 0.005);
    gain.gain.setValueAtTime(tone.gain, end - 0.01);
    gain.gain.linearRampToValueAtTime(0, end);
    osc.connect(gain).connect(ctx.destination);
    osc.start(start);
    osc.stop(end + 0.01);
  }
  return plan.length;
}
