import { afterEach, describe, expect, it } from 'vitest';
import { resolveConfig } from 'vite';

/**
 * The built renderer is what the browser host serves: its source maps would hand the whole
 * source of the till to anyone who can reach the page, so a build makes none unless asked.
 */
describe('renderer build config', () => {
  const saved = process.env.POS_SOURCEMAP;
  afterEach(() => {
    if (saved === undefined) delete process.env.POS_SOURCEMAP;
    else process.env.POS_SOURCEMAP = saved;
  });

  it('a production build writes no source maps', async () => {
    delete process.env.POS_SOURCEMAP;
    const config = await resolveConfig({ configFile: 'vite.config.ts', logLevel: 'silent' }, 'build', 'production');
    expect(config.build.sourcemap).toBe(false);
  });

  it('POS_SOURCEMAP=1 asks for them (development builds)', async () => {
    process.env.POS_SOURCEMAP = '1';
    const config = await resolveConfig({ configFile: 'vite.config.ts', logLevel: 'silent' }, 'build', 'production');
    expect(config.build.sourcemap).toBe(true);
  });
});
