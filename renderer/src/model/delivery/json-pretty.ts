export interface PrettyJson {
  lines: string[];
  /**
   * For each line (0-based), the line that closes the object or array it opens, or -1: what folding
   * needs, found in the same pass. A typed array, so a 400,000-line body adds no garbage to collect.
   */
  closeLine: Int32Array;
}

/** Pretty-printed lines only. */
export function prettyJsonLines(text: string, indentUnit = '  '): string[] {
  return prettyJson(text, indentUnit).lines;
}

/**
 * Pretty-prints JSON text as lines without parsing values: only whitespace outside strings
 * changes, so every literal (big numbers, escapes, duplicate keys) reads exactly as sent. One pass
 * over the text, cheap enough for a 10 MiB body; invalid JSON still comes out line-broken, never throws.
 */
export function prettyJson(text: string, indentUnit = '  '): PrettyJson {
  const lines: string[] = [];
  // Open and close line of each pair, flat, in closing order; turned into `closeLine` at the end.
  const pairs: number[] = [];
  const opened: number[] = [];
  const indents: string[] = [''];
  const indentOf = (depth: number) => {
    while (indents.length <= depth) indents.push(indents[indents.length - 1] + indentUnit);
    return indents[depth];
  };
  let depth = 0;
  let line = '';
  const newline = () => {
    lines.push(line);
    line = indentOf(depth);
  };
  const length = text.length;
  let i = 0;
  while (i < length) {
    const code = text.charCodeAt(i);
    // whitespace outside strings: dropped
    if (code === 32 || code === 10 || code === 13 || code === 9) {
      i += 1;
      continue;
    }
    if (code === 34 /* " */) {
      let end = i + 1;
      while (end < length) {
        const c = text.charCodeAt(end);
        if (c === 92 /* \ */) end += 2;
        else if (c === 34) break;
        else end += 1;
      }
      end = Math.min(end + 1, length);
      line += text.slice(i, end);
      i = end;
      continue;
    }
    if (code === 123 /* { */ || code === 91 /* [ */) {
      const close = code === 123 ? 125 : 93;
      let next = i + 1;
      while (next < length && isSpace(text.charCodeAt(next))) next += 1;
      if (text.charCodeAt(next) === close) {
        line += text[i] + text[next];
        i = next + 1;
        continue;
      }
      line += text[i];
      opened.push(lines.length);
      depth += 1;
      newline();
      i += 1;
      continue;
    }
    if (code === 125 /* } */ || code === 93 /* ] */) {
      depth = Math.max(0, depth - 1);
      if (line.trim() !== '') newline();
      else line = indentOf(depth);
      const open = opened.pop();
      if (open !== undefined) pairs.push(open, lines.length);
      line += text[i];
      i += 1;
      continue;
    }
    if (code === 44 /* , */) {
      line += ',';
      newline();
      i += 1;
      continue;
    }
    if (code === 58 /* : */) {
      line += ': ';
      i += 1;
      continue;
    }
    // a literal (number, true, false, null) or stray text: up to the next structural character
    let end = i + 1;
    while (end < length) {
      const c = text.charCodeAt(end);
      if (c === 44 || c === 58 || c === 123 || c === 125 || c === 91 || c === 93 || c === 34 || isSpace(c)) break;
      end += 1;
    }
    line += text.slice(i, end);
    i = end;
  }
  if (line.trim() !== '' || lines.length === 0) lines.push(line);
  const closeLine = new Int32Array(lines.length).fill(-1);
  for (let k = 0; k < pairs.length; k += 2) closeLine[pairs[k]] = pairs[k + 1];
  return { lines, closeLine };
}

function isSpace(code: number): boolean {
  return code === 32 || code === 10 || code === 13 || code === 9;
}

/** Whether a text body starts like JSON (an object or array), without reading all of it. */
export function looksLikeJson(text: string): boolean {
  for (let i = 0; i < text.length && i < 1024; i += 1) {
    const code = text.charCodeAt(i);
    if (isSpace(code) || code === 0xfeff) continue;
    return code === 123 || code === 91;
  }
  return false;
}
