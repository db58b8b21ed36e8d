import type { DeviceState } from '../../shared/contract/system.js';

/**
 * serialport's errors carry no code, only a message from the OS ("Error: No such file or
 * directory, cannot open /dev/ttyUSB0" on Linux, "Opening COM3: File not found" on
 * Windows), so the difference between "unplugged" and "broken" is read from the text.
 */
export function serialErrorState(err: unknown): Extract<DeviceState, 'offline' | 'error'> {
  const message = err instanceof Error ? err.message : String(err);
  return /no such file|file not found|ENOENT|not found|cannot find|disconnected|bad file descriptor|EIO|input\/output error/i.test(message)
    ? 'offline'
    : 'error';
}

/** Promise wrappers around serialport's callback API. */
export function openPort(port: { open(cb: (err: Error | null) => void): void }): Promise<void> {
  return new Promise((resolve, reject) => port.open((err) => (err ? reject(err) : resolve())));
}

export function closePort(port: { isOpen: boolean; close(cb: (err?: Error | null) => void): void }): Promise<void> {
  return new Promise((resolve) => {
    if (!port.isOpen) return resolve();
    // A port whose device vanished may fail to close; it is gone either way.
    port.close(() => resolve());
  });
}

/** Rejects with `onTimeout()` if `promise` has not settled within `ms`. */
export function withTimeout<T>(promise: Promise<T>, ms: number, onTimeout: () => Error): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(onTimeout()), ms);
    promise.then(
      (v) => {
        clearTimeout(timer);
        resolve(v);
      },
      (e: unknown) => {
        clearTimeout(timer);
        reject(e instanceof Error ? e : new Error(String(e)));
      },
    );
  });
}
