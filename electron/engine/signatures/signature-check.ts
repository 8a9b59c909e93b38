import type { RawHeaders } from '../../../shared/api/common.js';
import type { SchemeVerdict } from '../../../shared/api/signatures.js';
import { detectScheme } from '../../../shared/signatures/detect.js';
import { BUILT_IN_SCHEMES, schemeNamed } from '../../../shared/signatures/registry.js';
import type { SignatureScheme } from '../../../shared/signatures/scheme.js';
import { schemeVerdictOf } from '../../../shared/signatures/scheme-verdict.js';
import { customConfigOf, type InboxSignatureColumns, schemeSettingOf, secretsOf } from './inbox-signature.js';

/** One received request, as a signature check reads it. */
export interface RequestToCheck {
  headers: RawHeaders;
  body: Buffer;
  receivedAt: number;
  /** The URL the sender requested: through a tunnel, its public URL (Twilio and custom {url} sign it). */
  url: string | null;
  /** The URL as this machine's receiver saw it, so a Twilio diagnosis can say when only that one matches. */
  localUrl: string | null;
  /** InboundFlow's envelope without its signature header: checked as InboundFlow (unsigned) under auto. */
  looksLikeInboundFlow: boolean;
}

export interface InboxSignatureCheck {
  /** The verdict, or null when the inbox is on auto and the request carries no signature scheme's header. */
  check(request: RequestToCheck): SchemeVerdict | null;
}

/** Schemes that sign the URL: their verdict records the URLs checked. */
const URL_SCHEMES = new Set(['twilio', 'custom']);

// Compiled once per version of an inbox row (the store hands out a new row object on every change).
const compiled = new WeakMap<InboxSignatureColumns, InboxSignatureCheck>();

/** What an inbox checks signatures with, worked out once per setting: the scheme (a custom one parsed) and the secrets. */
export function signatureCheckFor(row: InboxSignatureColumns): InboxSignatureCheck {
  let found = compiled.get(row);
  if (!found) {
    found = compile(row);
    compiled.set(row, found);
  }
  return found;
}

function compile(row: InboxSignatureColumns): InboxSignatureCheck {
  const setting = schemeSettingOf(row);
  const secrets = secretsOf(row);
  const named = setting === 'auto' ? null : schemeNamed(setting, customConfigOf(row) ?? undefined);
  const fixed: SignatureScheme | null = named?.ok ? named.scheme : null;
  return {
    check(request) {
      const scheme =
        fixed ??
        (() => {
          const detected = detectScheme(request.headers);
          if (detected) return BUILT_IN_SCHEMES[detected.scheme];
          return request.looksLikeInboundFlow ? BUILT_IN_SCHEMES.inboundflow : null;
        })();
      if (!scheme) return null;
      const urls = URL_SCHEMES.has(scheme.name) ? { url: request.url, localUrl: request.localUrl } : {};
      const diagnosis = scheme.diagnose(
        { rawBody: request.body, headers: request.headers, url: request.url ?? undefined, localUrl: request.localUrl ?? undefined },
        secrets,
        { now: new Date(request.receivedAt) },
      );
      return schemeVerdictOf(diagnosis, urls);
    },
  };
}
