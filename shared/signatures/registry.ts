import type { HeaderPairs } from '../inboundflow/headers.js';
import { parseCustomSchemeConfig } from './custom-config.js';
import { customScheme } from './custom.js';
import { detectScheme } from './detect.js';
import { githubScheme } from './github.js';
import { inboundflowScheme } from './inboundflow-adapter.js';
import type { SchemeName, SignatureScheme } from './scheme.js';
import { SCHEME_NAMES } from './scheme.js';
import { shopifyScheme } from './shopify.js';
import { slackScheme } from './slack.js';
import { standardWebhooksScheme } from './standard-webhooks.js';
import { stripeScheme } from './stripe.js';
import { twilioScheme } from './twilio.js';

/** The schemes that need no description; `custom` is built from the user's config. */
export const BUILT_IN_SCHEMES: Readonly<Record<Exclude<SchemeName, 'custom'>, SignatureScheme>> = {
  inboundflow: inboundflowScheme,
  'standard-webhooks': standardWebhooksScheme,
  stripe: stripeScheme,
  github: githubScheme,
  shopify: shopifyScheme,
  slack: slackScheme,
  twilio: twilioScheme,
};

export type SchemeSetting = 'auto' | SchemeName;
export const SCHEME_SETTINGS: readonly SchemeSetting[] = ['auto', ...SCHEME_NAMES];

export function isSchemeName(value: string): value is SchemeName {
  return (SCHEME_NAMES as readonly string[]).includes(value);
}

/** The scheme of that name; `custom` needs its config (see custom-config.ts). */
export function schemeNamed(name: string, customConfig?: unknown): { ok: true; scheme: SignatureScheme } | { ok: false; reason: string } {
  if (!isSchemeName(name)) return { ok: false, reason: `Unknown signature scheme "${name}"; use one of ${SCHEME_NAMES.join(', ')}.` };
  if (name !== 'custom') return { ok: true, scheme: BUILT_IN_SCHEMES[name] };
  const parsed = parseCustomSchemeConfig(customConfig ?? {});
  return parsed.ok ? { ok: true, scheme: customScheme(parsed.config) } : parsed;
}

/**
 * The scheme a setting picks for one delivery: the named one, or for `auto` the one whose
 * signature header it carries (null when it carries none it knows).
 */
export function schemeForDelivery(setting: SchemeSetting, headers: HeaderPairs, customConfig?: unknown): SignatureScheme | null {
  if (setting !== 'auto') {
    const named = schemeNamed(setting, customConfig);
    return named.ok ? named.scheme : null;
  }
  const detected = detectScheme(headers);
  return detected ? BUILT_IN_SCHEMES[detected.scheme] : null;
}
