import type { BaseWindow, OpenDialogOptions, OpenDialogReturnValue } from 'electron';
import type { PathPickerPort } from '../core/counter/ports.js';

/** The part of Electron's `dialog` used here (faked in the test). */
export interface OpenDialogApi {
  showOpenDialog(window: BaseWindow, options: OpenDialogOptions): Promise<OpenDialogReturnValue>;
  showOpenDialog(options: OpenDialogOptions): Promise<OpenDialogReturnValue>;
}

/** What the open dialog offers for each kind of path: a folder, or one PNG/JPEG picture. */
export function openDialogOptions(kind: 'folder' | 'image'): OpenDialogOptions {
  return kind === 'folder'
    ? { properties: ['openDirectory'] }
    : { properties: ['openFile'], filters: [{ name: 'PNG / JPEG', extensions: ['png', 'jpg', 'jpeg'] }] };
}

/**
 * The display settings' 选择… buttons in the desktop app: the OS open dialog, modal over the
 * till's window, answering the chosen path (or null when cancelled). The core reads nothing
 * until the settings are saved, and then reads it as it would a typed path.
 */
export function createPathPicker(dialog: OpenDialogApi, window: () => BaseWindow | null): PathPickerPort {
  return {
    async pick(kind) {
      const options = openDialogOptions(kind);
      const parent = window();
      const r = parent ? await dialog.showOpenDialog(parent, options) : await dialog.showOpenDialog(options);
      return r.canceled ? null : (r.filePaths[0] ?? null);
    },
  };
}
