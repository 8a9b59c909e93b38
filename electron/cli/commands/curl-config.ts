/**
 * Headers (and the URL, when signing fixed it) as a curl config that `curl -K -` reads from
 * stdin: unlike -H arguments printed into $( ), quoted values survive the shell.
 */
export function curlConfig(headers: ReadonlyArray<readonly [string, string]>, url?: string): string {
  const lines = headers.map(([name, value]) => `header = ${quote(`${name}: ${value}`)}`);
  if (url !== undefined) lines.push(`url = ${quote(url)}`);
  return `${lines.join('\n')}\n`;
}

/** curl config quoting: inside double quotes, backslash escapes backslash, quote and control characters. */
function quote(text: string): string {
  return `"${text
    .replace(/[\\"]/g, (char) => `\\${char}`)
    .replace(/\n/g, '\\n')
    .replace(/\r/g, '\\r')
    .replace(/\t/g, '\\t')}"`;
}
