import type { SettingsStore } from '../shop/settings-store.js';
import type { ScaleConfig } from '../../../shared/contract/weighing.js';
import type { WeightReading } from '../../../shared/scale/weight-string.js';

/** The till's serial scale as the core sees it (electron/devices/serial-scale.ts is the real one; tests pass a pty pair's). */
export interface ScaleDevice {
  reading(): WeightReading | null;
  onReading(listener: (r: WeightReading | null) => void): () => void;
  start(): Promise<void>;
  close(): Promise<void>;
}
export type ScaleDeviceFactory = (config: { path: string; baudRate: number; protocol: ScaleConfig['protocol'] }) => ScaleDevice;

export const DEFAULT_SCALE_CONFIG: ScaleConfig = { path: null, baudRate: 9600, protocol: 'continuous', maxGrams: 30_000 };
/** This till's own setting (not among the shop's shared settings: each counter has its own scale). */
const KEY = 'scale.config';

/** Keeps the configured scale open and tells listeners each reading; swapping the port needs no restart. */
export function createScaleStation(settings: SettingsStore, factory: ScaleDeviceFactory | null, publish: (r: WeightReading | null) => void) {
  let device: ScaleDevice | null = null;
  let off: (() => void) | null = null;
  const config = () => ({ ...DEFAULT_SCALE_CONFIG, ...settings.get<Partial<ScaleConfig>>(KEY, {}) });

  function apply(c: ScaleConfig): void {
    off?.();
    void device?.close();
    device = null;
    off = null;
    if (c.path && factory) {
      device = factory({ path: c.path, baudRate: c.baudRate, protocol: c.protocol });
      off = device.onReading(publish);
      void device.start();
    }
    publish(null);
  }

  return {
    config,
    start: () => apply(config()),
    setConfig(c: ScaleConfig): ScaleConfig {
      settings.set(KEY, c);
      apply(c);
      return config();
    },
    reading: () => device?.reading() ?? null,
    async close(): Promise<void> {
      off?.();
      await device?.close();
      device = null;
    },
  };
}
export type ScaleStation = ReturnType<typeof createScaleStation>;
