import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { rendererFileFor } from '../../electron/shell/renderer-file.js';

const ROOT = resolve('/opt/hookbench/dist/renderer');

describe('renderer files on hookbench://app', () => {
  it('serves index.html for the entry and the root, with an HTML type', () => {
    expect(rendererFileFor(ROOT, 'hookbench://app/index.html')).toEqual({
      ok: true,
      file: join(ROOT, 'index.html'),
      contentType: 'text/html; charset=utf-8',
    });
    expect(rendererFileFor(ROOT, 'hookbench://app/')).toMatchObject({ ok: true, file: join(ROOT, 'index.html') });
  });

  it('serves hashed assets with the types module scripts and styles need', () => {
    expect(rendererFileFor(ROOT, 'hookbench://app/assets/index-B3iw_pik.js?v=1')).toEqual({
      ok: true,
      file: join(ROOT, 'assets', 'index-B3iw_pik.js'),
      contentType: 'text/javascript; charset=utf-8',
    });
    expect(rendererFileFor(ROOT, 'hookbench://app/assets/index.css')).toMatchObject({ contentType: 'text/css; charset=utf-8' });
    expect(rendererFileFor(ROOT, 'hookbench://app/assets/blob.bin')).toMatchObject({ contentType: 'application/octet-stream' });
  });

  it('clamps dot segments the URL parser sees at the renderer folder', () => {
    expect(rendererFileFor(ROOT, 'hookbench://app/%2e%2e/%2e%2e/etc/passwd')).toMatchObject({
      ok: true,
      file: join(ROOT, 'etc', 'passwd'),
    });
    expect(rendererFileFor(ROOT, 'hookbench://app/../../etc/passwd')).toMatchObject({ ok: true, file: join(ROOT, 'etc', 'passwd') });
  });

  it.each([
    'hookbench://app/assets/%2E%2E%2F%2E%2E%2F%2E%2E%2Fetc%2Fpasswd',
    'hookbench://app/..%2f..%2fpackage.json',
    'hookbench://app/%2fetc%2fpasswd/..%2f..%2f..',
  ])('refuses a path that climbs out of the renderer folder: %s', (url) => {
    expect(rendererFileFor(ROOT, url)).toEqual({ ok: false, status: 404 });
  });

  it('refuses backslashes, NUL bytes and broken escapes', () => {
    expect(rendererFileFor(ROOT, 'hookbench://app/..%5c..%5cwindows%5cwin.ini')).toEqual({ ok: false, status: 400 });
    expect(rendererFileFor(ROOT, 'hookbench://app/index.html%00.png')).toEqual({ ok: false, status: 400 });
    expect(rendererFileFor(ROOT, 'hookbench://app/%E0%A4%A')).toEqual({ ok: false, status: 400 });
  });

  it('answers only for the app host of the app scheme', () => {
    expect(rendererFileFor(ROOT, 'hookbench://other/index.html')).toEqual({ ok: false, status: 404 });
    expect(rendererFileFor(ROOT, 'https://app/index.html')).toEqual({ ok: false, status: 404 });
    expect(rendererFileFor(ROOT, 'not a url')).toEqual({ ok: false, status: 400 });
  });
});
