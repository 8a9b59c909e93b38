/**
 * The signed string of a custom scheme, written as a template: literal text with {body},
 * {timestamp}, {id}, {url} and {header:Name} placeholders. The body goes in as raw bytes.
 */

export type TemplatePart =
  | { kind: 'literal'; text: string }
  | { kind: 'body' }
  | { kind: 'timestamp' }
  | { kind: 'id' }
  | { kind: 'url' }
  | { kind: 'header'; name: string };

const PLACEHOLDER = /\{([^{}]*)\}/g;
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

export function parseTemplate(template: string): { ok: true; parts: TemplatePart[] } | { ok: false; reason: string } {
  const parts: TemplatePart[] = [];
  let last = 0;
  for (const match of template.matchAll(PLACEHOLDER)) {
    if (match.index > last) parts.push({ kind: 'literal', text: template.slice(last, match.index) });
    const name = match[1];
    if (name === 'body' || name === 'timestamp' || name === 'id' || name === 'url') parts.push({ kind: name });
    else if (name.startsWith('header:') && HEADER_NAME.test(name.slice(7))) parts.push({ kind: 'header', name: name.slice(7) });
    else
      return { ok: false, reason: `Unknown placeholder {${name}} in the template; use {body}, {timestamp}, {id}, {url} or {header:Name}.` };
    last = match.index + match[0].length;
  }
  if (last < template.length) parts.push({ kind: 'literal', text: template.slice(last) });
  return { ok: true, parts };
}

export interface TemplateValues {
  body: Buffer;
  timestamp?: string;
  id?: string;
  url?: string;
  header(name: string): string | undefined;
}

/** The signed bytes, or the first value the template needs and the request lacks. */
export function renderTemplate(
  parts: readonly TemplatePart[],
  values: TemplateValues,
): { ok: true; bytes: Buffer } | { ok: false; missing: string } {
  const chunks: Buffer[] = [];
  for (const part of parts) {
    const text =
      part.kind === 'literal'
        ? part.text
        : part.kind === 'body'
          ? null
          : part.kind === 'header'
            ? values.header(part.name)
            : values[part.kind];
    if (part.kind === 'body') chunks.push(values.body);
    else if (text === undefined || text === null)
      return { ok: false, missing: part.kind === 'header' ? `header ${part.name}` : `{${part.kind}}` };
    else chunks.push(Buffer.from(text, 'utf8'));
  }
  return { ok: true, bytes: Buffer.concat(chunks) };
}

export function usesPlaceholder(parts: readonly TemplatePart[], kind: TemplatePart['kind']): boolean {
  return parts.some((part) => part.kind === kind);
}
