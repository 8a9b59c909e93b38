import { createHash } from 'node:crypto';

/** Form parameters of a body, every value of a repeated name kept (as express.urlencoded gives them). */
export function formParams(body: Buffer): Map<string, string[]> {
  const params = new Map<string, string[]>();
  for (const [name, value] of new URLSearchParams(body.toString('utf8'))) params.set(name, [...(params.get(name) ?? []), value]);
  return params;
}

/** What Twilio appends to the URL: names sorted, then each name followed by its value (repeats: distinct values, sorted). */
export function signedParams(params: Map<string, string[]>): string {
  return [...params.keys()]
    .sort()
    .map((name) =>
      [...new Set(params.get(name))]
        .sort()
        .map((value) => name + value)
        .join(''),
    )
    .join('');
}

export function isFormContentType(contentType: string | undefined): boolean {
  return contentType === undefined || /^application\/x-www-form-urlencoded\s*(;|$)/i.test(contentType);
}

export function sha256Hex(body: Buffer): string {
  return createHash('sha256').update(body).digest('hex');
}
