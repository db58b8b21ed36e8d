import { describe, expect, it, vi } from 'vitest';
import type { BaseWindow, OpenDialogOptions } from 'electron';
import { createPathPicker, type OpenDialogApi } from './path-picker.js';

vi.mock('electron', () => {
  throw new Error('path-picker.ts must not load electron at runtime');
});

/** Electron's dialog, faked: records what it was asked and answers as the owner would. */
function fakeDialog(answer: { canceled: boolean; filePaths: string[] }) {
  const asked: Array<{ parent: boolean; options: OpenDialogOptions }> = [];
  const dialog = {
    showOpenDialog: (a: BaseWindow | OpenDialogOptions, b?: OpenDialogOptions) => {
      asked.push(b ? { parent: true, options: b } : { parent: false, options: a as OpenDialogOptions });
      return Promise.resolve(answer);
    },
  } as OpenDialogApi;
  return { dialog, asked };
}

describe('the open dialog for the display settings', () => {
  it('asks for a folder over the till window and answers the chosen path', async () => {
    const { dialog, asked } = fakeDialog({ canceled: false, filePaths: ['/home/shop/pictures'] });
    const picker = createPathPicker(dialog, () => ({}) as BaseWindow);
    expect(await picker.pick('folder')).toBe('/home/shop/pictures');
    expect(asked).toEqual([{ parent: true, options: { properties: ['openDirectory'] } }]);
  });

  it('offers only PNG and JPEG files for the 收款码, and answers null when cancelled', async () => {
    const { dialog, asked } = fakeDialog({ canceled: true, filePaths: [] });
    const picker = createPathPicker(dialog, () => null);
    expect(await picker.pick('image')).toBeNull();
    expect(asked[0]!.parent).toBe(false);
    expect(asked[0]!.options.properties).toEqual(['openFile']);
    expect(asked[0]!.options.filters![0]!.extensions).toEqual(['png', 'jpg', 'jpeg']);
  });
});
