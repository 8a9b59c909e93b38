import { headerValues } from '../inboundflow/headers.js';
import type { CustomSchemeConfig } from './custom-config.js';
import { parseTemplate, renderTemplate, type TemplatePart, type TemplateValues, usesPlaceholder } from './custom-template.js';
import { encodeDigest, looksLikeDigest } from './encoding.js';
import { hmac } from './hmac.js';
import { createHmacScheme } from './hmac-engine.js';
import type { SchemeRead } from './hmac-scheme.js';
import { doubledSignature, malformedSignature, oneHeader, readTimestamp } from './header-read.js';
import type { SignatureScheme, SignedRequest } from './scheme.js';

/**
 * A sender's home-made scheme, as the user describes it (see custom-config.ts): the HMAC of a
 * template over the request, written in one header after an optional prefix.
 */
export function customScheme(config: CustomSchemeConfig): SignatureScheme {
  const parsed = parseTemplate(config.template);
  const parts: TemplatePart[] = parsed.ok ? parsed.parts : [{ kind: 'body' }];
  const format = `${config.prefix}<${config.encoding} HMAC-${config.algorithm.toUpperCase()} of ${config.template}>`;
  return createHmacScheme({
    name: 'custom',
    label: 'the custom scheme',
    signatureHeader: config.header,
    timestampHeader: config.timestampHeader,
    idHeader: config.idHeader,
    format,
    secretSource: "the sender's webhook settings",
    encoding: config.encoding,
    secretKind: config.secretEncoding,
    tolerance: config.timestampHeader ? { seconds: config.toleranceSeconds, rejectsFuture: true } : null,
    read: (request) => read(config, parts, request),
    sign: (input, key) => {
      if (usesPlaceholder(parts, 'id') && !input.id)
        return { ok: false, reason: `The template signs {id}: give an id (sent as ${config.idHeader}).` };
      const values: TemplateValues = {
        body: input.rawBody,
        timestamp: String(input.timestamp),
        id: input.id,
        url: input.url,
        header: (name) => headerValues(input.headers ?? [], name)[0],
      };
      const signed = renderTemplate(parts, values);
      if (!signed.ok) return { ok: false, reason: `The template needs ${signed.missing}, which was not given.` };
      const headers: [string, string][] = [];
      if (config.timestampHeader) headers.push([config.timestampHeader, String(input.timestamp)]);
      if (config.idHeader && input.id) headers.push([config.idHeader, input.id]);
      headers.push([config.header, `${config.prefix}${encodeDigest(hmac(config.algorithm, key, signed.bytes), config.encoding)}`]);
      return { ok: true, headers, signedString: signed.bytes.toString('utf8') };
    },
  });
}

function read(config: CustomSchemeConfig, parts: TemplatePart[], { headers, url }: SignedRequest): SchemeRead {
  const header = oneHeader(headers, config.header);
  if (!header.ok) return header.missing ? { kind: 'unsigned' } : doubledSignature(config.header, header.values);
  if (!header.value.startsWith(config.prefix))
    return malformedSignature(`${config.header} does not start with "${config.prefix}".`, header.value);
  const digest = header.value.slice(config.prefix.length);
  if (!looksLikeDigest(digest))
    return malformedSignature(`${config.header} has no ${config.encoding} digest after "${config.prefix}".`, header.value);

  const timestamp = config.timestampHeader ? readTimestamp(headers, config.timestampHeader) : null;
  const id = config.idHeader ? oneHeader(headers, config.idHeader) : null;
  const values = (body: Buffer): TemplateValues => ({
    body,
    timestamp: timestamp && 'text' in timestamp ? timestamp.text : undefined,
    id: id?.ok ? id.value : undefined,
    url,
    header: (name) => {
      const found = headerValues(headers, name);
      return found.length > 0 ? found.join(', ') : undefined;
    },
  });
  const rendered = renderTemplate(parts, values(Buffer.alloc(0)));
  const problem =
    timestamp && 'problem' in timestamp
      ? timestamp.problem
      : !rendered.ok
        ? rendered.missing === '{url}'
          ? {
              cause: 'url_missing' as const,
              reason: 'The template signs {url}, and no URL was given (the public URL the sender requested).',
            }
          : rendered.missing === '{id}'
            ? { cause: 'id_missing' as const, reason: `The delivery has no single ${config.idHeader} header, and the template signs {id}.` }
            : { cause: 'template_value_missing' as const, reason: `The template signs ${rendered.missing}, which the delivery lacks.` }
        : undefined;
  return {
    kind: 'signed',
    parts: {
      received: header.value,
      signatures: [digest],
      algorithm: config.algorithm,
      timestamp: timestamp && 'timestamp' in timestamp ? timestamp.timestamp : null,
      problem,
      signed: (body) => {
        const signed = renderTemplate(parts, values(body));
        return signed.ok ? signed.bytes : Buffer.alloc(0);
      },
      format: (encoded) => `${config.prefix}${encoded}`,
    },
  };
}
