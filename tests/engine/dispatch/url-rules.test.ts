import { describe, expect, it } from 'vitest';
import { checkIntegrationUrl, urlWarnings } from '../../../electron/engine/dispatch/url-rules.js';

const error = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    return e as { code: string; message: string; status: number };
  }
  throw new Error('expected an error');
};

describe('integration URL rule', () => {
  it('accepts https:// URLs', () => {
    expect(checkIntegrationUrl('https://hooks.zapier.com/hooks/catch/123/abc/', false).hostname).toBe('hooks.zapier.com');
  });

  it('refuses http:// with a message that states the rule', () => {
    const e = error(() => checkIntegrationUrl('http://example.com/hook', false));
    expect(e).toMatchObject({ code: 'url_not_https', status: 400 });
    expect(e.message).toMatch(/^URL must use https:\/\/ — InboundFlow only delivers to HTTPS endpoints/);
  });

  it('allows http://localhost and http://127.0.0.1 only with the setting on, and names the setting when off', () => {
    expect(error(() => checkIntegrationUrl('http://localhost:3000/hook', false)).message).toMatch(/--allow-http-localhost/);
    expect(checkIntegrationUrl('http://localhost:3000/hook', true).port).toBe('3000');
    expect(checkIntegrationUrl('http://127.0.0.1:3000/hook', true).hostname).toBe('127.0.0.1');
    expect(error(() => checkIntegrationUrl('http://192.168.1.5/hook', true)).message).toMatch(/only for localhost and 127\.0\.0\.1/);
    expect(error(() => checkIntegrationUrl('http://localhost.evil.com/hook', true)).code).toBe('url_not_https');
  });

  it('refuses other schemes, relative URLs and credentials', () => {
    expect(error(() => checkIntegrationUrl('ftp://example.com/', true)).code).toBe('url_not_https');
    expect(error(() => checkIntegrationUrl('/hook', true)).code).toBe('url_invalid');
    expect(error(() => checkIntegrationUrl('https://user:pw@example.com/', true)).code).toBe('url_has_credentials');
  });
});

describe('kind warnings', () => {
  const warn = (kind: Parameters<typeof urlWarnings>[0], url: string) => urlWarnings(kind, new URL(url)).map((w) => w.code);

  it('says nothing when the URL has the service shape', () => {
    expect(warn('zapier', 'https://hooks.zapier.com/hooks/catch/1234567/abcdef/')).toEqual([]);
    expect(warn('make', 'https://hook.eu1.make.com/abc123xyz')).toEqual([]);
    expect(warn('make', 'https://hook.us2.make.com/abc123xyz')).toEqual([]);
    expect(warn('n8n', 'https://n8n.example.com/webhook/4f1c')).toEqual([]);
    expect(warn('custom', 'https://anything.example.com/')).toEqual([]);
  });

  it("warns when the URL does not look like the service's", () => {
    expect(warn('zapier', 'https://example.com/hooks/catch/1/')).toEqual(['url_not_zapier']);
    expect(warn('zapier', 'https://hooks.zapier.com/other')).toEqual(['url_not_zapier']);
    expect(warn('make', 'https://make.example.com/hook')).toEqual(['url_not_make']);
    expect(warn('n8n', 'https://n8n.example.com/hooks/x')).toEqual(['url_not_n8n']);
    expect(warn('n8n', 'https://n8n.example.com/webhook-test/x')).toEqual(['url_n8n_test']);
  });
});
