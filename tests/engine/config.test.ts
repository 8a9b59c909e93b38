import { describe, expect, it } from 'vitest';
import { defaultDataDir, parseByteSize, resolveConfig } from '../../electron/engine/config.js';

describe('engine configuration', () => {
  it('takes flags over environment over defaults', () => {
    const result = resolveConfig({ dataDir: '/d', httpPort: '5000' }, { HOOKBENCH_HTTP_PORT: '6000', HOOKBENCH_API_PORT: '7000' });
    expect(result).toMatchObject({
      ok: true,
      config: { dataDir: '/d', httpPort: 5000, apiPort: 7000, httpsPort: 4611, maxBody: 10 * 1024 * 1024 },
    });
  });

  it('names the flag or variable that holds a bad value', () => {
    expect(resolveConfig({ dataDir: '/d', apiPort: '70000' }, {})).toEqual({
      ok: false,
      message: expect.stringMatching(/^--api-port must be between 0 and 65535.*70000/),
    });
    expect(resolveConfig({ dataDir: '/d' }, { HOOKBENCH_HTTP_PORT: 'abc' })).toEqual({
      ok: false,
      message: expect.stringMatching(/^HOOKBENCH_HTTP_PORT /),
    });
    expect(resolveConfig({ dataDir: '/d' }, { HOOKBENCH_MAX_BODY: 'lots' })).toEqual({
      ok: false,
      message: expect.stringMatching(/^HOOKBENCH_MAX_BODY must be a size/),
    });
    const token = resolveConfig({ dataDir: '/d' }, { HOOKBENCH_API_TOKEN: 'short' });
    expect(token).toEqual({ ok: false, message: expect.stringMatching(/^HOOKBENCH_API_TOKEN must be 16/) });
    expect(JSON.stringify(token)).not.toContain('"short"');
  });

  it('reads sizes with units', () => {
    expect(parseByteSize('10MiB')).toBe(10 * 1024 * 1024);
    expect(parseByteSize('5mb')).toBe(5_000_000);
    expect(parseByteSize('123')).toBe(123);
    expect(parseByteSize('1 parsec')).toBeNull();
  });

  it('puts the data dir in the OS app-data folder', () => {
    expect(defaultDataDir('linux', {}, '/home/u')).toBe('/home/u/.local/share/hookbench');
    expect(defaultDataDir('linux', { XDG_DATA_HOME: '/x' }, '/home/u')).toBe('/x/hookbench');
    expect(defaultDataDir('darwin', {}, '/Users/u')).toBe('/Users/u/Library/Application Support/Hookbench');
    expect(defaultDataDir('win32', { APPDATA: 'C:\\AppData' }, 'C:\\u')).toMatch(/Hookbench$/);
  });
});
