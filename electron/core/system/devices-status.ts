import type { DeviceState } from '../../../shared/contract/system.js';

/**
 * What the status bar shows about the counter hardware. The device layer (electron/devices)
 * implements it; the core only reads it, so tests can pass a fake.
 */
export interface DeviceStatusSource {
  status(): { printer: DeviceState; scanner: DeviceState };
}

export const noDevices: DeviceStatusSource = {
  status: () => ({ printer: 'not_configured', scanner: 'not_configured' }),
};
