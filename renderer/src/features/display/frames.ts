/**
 * Whether a frame should replace the one shown: within one run of the core (same epoch) only a
 * higher number (an answer to display.current overtaken by an event is older); a frame of a new
 * run (the core restarted or reopened its database, numbering again from 1) always.
 */
export function isNewer(shown: { epoch: number; seq: number } | null, frame: { epoch: number; seq: number }): boolean {
  return shown === null || shown.epoch !== frame.epoch || frame.seq > shown.seq;
}
