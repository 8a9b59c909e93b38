const EXTENSIONS: [RegExp, string][] = [
  [/[/+]json\b/i, 'json'],
  [/[/+]xml\b/i, 'xml'],
  [/^text\/html\b/i, 'html'],
  [/^application\/x-www-form-urlencoded\b/i, 'txt'],
  [/^text\//i, 'txt'],
];

/** The download name of a stored body: the delivery id, the part, and an extension the content type suggests. */
export function bodyFileName(id: string, part: 'request' | 'response', contentType: string | null): string {
  const extension = EXTENSIONS.find(([pattern]) => contentType && pattern.test(contentType))?.[1] ?? 'bin';
  // Ids are engine-made ([a-z0-9_]); anything else is replaced so the header stays a plain quoted string.
  return `${id.replace(/[^A-Za-z0-9_-]/g, '_')}-${part}.${extension}`;
}
