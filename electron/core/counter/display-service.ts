import type { EventBus } from '../lib/event-bus.js';
import type { DisplayFrame, DisplayState } from '../../../shared/display/state.js';
import { poleFrames } from '../../../shared/display/pole.js';
import { topUpOfferFor } from '../../../shared/display/topup-offer.js';
import type { PoleDisplayPort } from './ports.js';

export interface DisplayServiceDeps {
  events: EventBus;
  pole: PoleDisplayPort;
  /** Whether the owner turned the top-up offer on, and the shop's top-up lines (充500送50). */
  offer: () => { enabled: boolean; bonuses: ReadonlyArray<{ minFen: number; bonusFen: number }> };
  onPoleError?: (err: unknown) => void;
  /** How long the amount received stays before the change (ms). */
  poleHoldMs?: number;
  /** The clock that names this run (tests). */
  now?: () => number;
}

/**
 * The customer display's one source of truth: the last state the till showed, numbered. Each
 * new state goes out on the event bus (the one channel both transports already carry to every
 * page and window) and to the pole display; a display that connects, or reconnects after its
 * page or the till's reloaded, reads the current frame once and then follows the events.
 */
export function createDisplayService(deps: DisplayServiceDeps) {
  const epoch = deps.now?.() ?? Date.now();
  let frame: DisplayFrame = { epoch, seq: 0, state: { stage: 'idle' } };
  // Pole writes run one after another, and only the newest waiting frame is written.
  let poleBusy = false;
  let polePending: DisplayState | null = null;
  /** Waits `ms`, or less if a newer state arrives; true when one did. */
  const held = async (ms: number) => {
    const until = Date.now() + ms;
    while (!polePending && Date.now() < until) await new Promise((r) => setTimeout(r, Math.min(50, until - Date.now())));
    return polePending !== null;
  };

  const drivePole = (state: DisplayState) => {
    polePending = state;
    if (poleBusy) return;
    poleBusy = true;
    void (async () => {
      while (polePending) {
        const next = polePending;
        polePending = null;
        const frames = poleFrames(next);
        for (let i = 0; i < frames.length; i++) {
          // A frame in a sequence (收款, then 找零) is held a moment, unless a newer state comes.
          if (i > 0 && (await held(deps.poleHoldMs ?? 1500))) break;
          await deps.pole.show(frames[i]!).catch((err: unknown) => deps.onPoleError?.(err));
        }
      }
      poleBusy = false;
    })();
  };

  return {
    current: (): DisplayFrame => frame,
    show(state: DisplayState): DisplayFrame {
      // The offer is the core's to work out: from the shop's own rules, and only if the owner wants it.
      let shown = state;
      if (state.stage === 'paying') {
        const o = deps.offer();
        shown = { ...state, offer: o.enabled ? topUpOfferFor(state.cart.totalFen, o.bonuses) : null };
      }
      frame = { epoch, seq: frame.seq + 1, state: shown };
      deps.events.publish({ type: 'display.state', ...frame });
      drivePole(shown);
      return frame;
    },
    /** Shows the current state again (after the pole display was set up). */
    replayPole: () => drivePole(frame.state),
  };
}
export type DisplayService = ReturnType<typeof createDisplayService>;
