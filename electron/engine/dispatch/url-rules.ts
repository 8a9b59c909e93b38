import { HookbenchError } from '../../../shared/errors.js';

export type IntegrationKind = 'zapier' | 'make' | 'n8n' | 'custom';

export interface UrlWarning {
  code: string;
  message: string;
}

const LOCAL_HTTP_HOSTS = new Set(['localhost', '127.0.0.1']);

function refuse(code: string, message: string): HookbenchError {
  return new HookbenchError(code, message, 400, { field: 'url' });
}

/**
 * The rule InboundFlow applies to a webhook URL: absolute, https:// only. With
 * `allowHttpLocalhost`, http://localhost and http://127.0.0.1 pass too, for handlers on this machine.
 */
export function checkIntegrationUrl(text: string, allowHttpLocalhost: boolean): URL {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw refuse('url_invalid', `URL ${JSON.stringify(text)} is not an absolute URL; paste the full webhook URL, starting with https://.`);
  }
  if (url.protocol === 'http:' && allowHttpLocalhost && LOCAL_HTTP_HOSTS.has(url.hostname)) return url;
  if (url.protocol !== 'https:') {
    const local = url.protocol === 'http:' && LOCAL_HTTP_HOSTS.has(url.hostname);
    const hint = local
      ? ' To send to a handler on this machine over plain HTTP, start the engine with --allow-http-localhost (HOOKBENCH_ALLOW_HTTP_LOCALHOST=1).'
      : allowHttpLocalhost
        ? ' Plain http:// is allowed only for localhost and 127.0.0.1.'
        : '';
    throw refuse('url_not_https', `URL must use https:// — InboundFlow only delivers to HTTPS endpoints.${hint}`);
  }
  if (url.username || url.password) {
    throw refuse(
      'url_has_credentials',
      'URL must not contain a user name or password; InboundFlow sends no credentials, put a secret token in the path instead.',
    );
  }
  return url;
}

const MAKE_HOST = /^hook(\.[a-z0-9-]+)?\.(make\.com|integromat\.com)$/;

/** A service's own URL shape, so a URL pasted under the wrong kind is pointed out (a warning, never an error). */
export function urlWarnings(kind: IntegrationKind, url: URL): UrlWarning[] {
  if (kind === 'zapier' && !(url.hostname === 'hooks.zapier.com' && url.pathname.startsWith('/hooks/catch/'))) {
    return [
      {
        code: 'url_not_zapier',
        message:
          'This does not look like a Zapier webhook URL (https://hooks.zapier.com/hooks/catch/…); copy it from the "Catch Hook" trigger of your Zap.',
      },
    ];
  }
  if (kind === 'make' && !MAKE_HOST.test(url.hostname)) {
    return [
      {
        code: 'url_not_make',
        message:
          'This does not look like a Make webhook URL (https://hook.<region>.make.com/…); copy it from the "Custom webhook" module of your scenario.',
      },
    ];
  }
  if (kind === 'n8n') {
    if (url.pathname.includes('/webhook-test/')) {
      return [
        {
          code: 'url_n8n_test',
          message:
            'This is an n8n test URL (/webhook-test/…): it only listens while the workflow editor waits for a test event. Use the production URL (/webhook/…) for an active workflow.',
        },
      ];
    }
    if (!url.pathname.includes('/webhook/')) {
      return [
        {
          code: 'url_not_n8n',
          message:
            'This does not look like an n8n webhook URL (https://<your n8n host>/webhook/…); copy the production URL from the Webhook node.',
        },
      ];
    }
  }
  return [];
}
