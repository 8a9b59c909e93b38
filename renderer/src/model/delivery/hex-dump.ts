export const HEX_BYTES_PER_LINE = 16;

export interface HexLine {
  offset: string;
  hex: string;
  ascii: string;
}

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

export function hexLineCount(byteLength: number): number {
  return Math.ceil(byteLength / HEX_BYTES_PER_LINE);
}

/** One `xxd`-style line: 8-digit offset, two groups of eight bytes, printable ASCII or '.'. */
export function hexLine(bytes: Uint8Array, lineIndex: number): HexLine {
  const start = lineIndex * HEX_BYTES_PER_LINE;
  const end = Math.min(start + HEX_BYTES_PER_LINE, bytes.length);
  let hex = '';
  let ascii = '';
  for (let i = start; i < start + HEX_BYTES_PER_LINE; i += 1) {
    if (i === start + 8) hex += ' ';
    if (i < end) {
      const byte = bytes[i];
      hex += HEX[byte] + ' ';
      ascii += byte >= 0x20 && byte < 0x7f ? String.fromCharCode(byte) : '.';
    } else {
      hex += '   ';
    }
  }
  return { offset: start.toString(16).padStart(8, '0'), hex: hex.trimEnd(), ascii };
}

/** The whole dump as text, for copying. */
export function hexDumpText(bytes: Uint8Array): string {
  const lines: string[] = [];
  for (let i = 0; i < hexLineCount(bytes.length); i += 1) {
    const line = hexLine(bytes, i);
    lines.push(`${line.offset}  ${line.hex.padEnd(HEX_BYTES_PER_LINE * 3, ' ')} ${line.ascii}`);
  }
  return lines.join('\n');
}
