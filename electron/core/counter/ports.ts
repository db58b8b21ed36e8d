import type { DeviceState } from '../../../shared/contract/system.js';
import type { PoleConfig } from '../../../shared/contract/counter.js';
import type { CounterSettings } from '../../../shared/contract/counter.js';
import type { PoleFrame } from '../../../shared/display/pole.js';

/** The pole display (electron/devices/pole-display.ts); tests pass a fake or a pty. */
export interface PoleDisplayPort {
  apply(config: PoleConfig | null): void;
  show(frame: PoleFrame): Promise<void>;
  state(): DeviceState;
  close(): Promise<void>;
}

/** The desktop app's screens and its customer-display window (electron/main); absent in the browser host. */
export interface ScreensPort {
  list(): Array<{ id: number; label: string; primary: boolean; width: number; height: number }>;
  /** Opens, moves or closes the customer window as the settings say. */
  apply(display: CounterSettings['display']): void;
}

/**
 * The desktop app's open dialog (electron/main/path-picker.ts), for the display's pictures
 * folder and 收款码 image: absent in the browser host, where the path is typed.
 */
export interface PathPickerPort {
  /** The chosen folder or image file, or null when the owner cancelled. */
  pick(kind: 'folder' | 'image'): Promise<string | null>;
}

/** The OS printers (CUPS queues, Windows printers) for the settings page. */
export interface SystemPrintersPort {
  list(): Promise<string[]>;
}

export const noPole: PoleDisplayPort = {
  apply: () => {},
  show: () => Promise.resolve(),
  state: () => 'not_configured',
  close: () => Promise.resolve(),
};
