const BLOCK = 512;

/**
 * The content of the first regular file named `baseName` (in any folder) in an uncompressed tar
 * archive, or null when there is none. Reads ustar, GNU long names and pax `path` records: enough
 * for cloudflared's macOS tarballs without a tar dependency.
 */
export function readTarFile(tar: Buffer, baseName: string): Buffer | null {
  let offset = 0;
  let longName: string | null = null;
  while (offset + BLOCK <= tar.length) {
    const header = tar.subarray(offset, offset + BLOCK);
    if (header.every((byte) => byte === 0)) return null;
    const size = entrySize(header);
    const type = String.fromCharCode(header[156] || 0x30);
    const dataStart = offset + BLOCK;
    const data = tar.subarray(dataStart, dataStart + size);
    if (data.length < size) return null;
    offset = dataStart + Math.ceil(size / BLOCK) * BLOCK;

    if (type === 'L') {
      longName = cString(data);
      continue;
    }
    if (type === 'x') {
      longName = paxPath(data) ?? longName;
      continue;
    }
    const name = longName ?? headerName(header);
    longName = null;
    const isFile = type === '0' || type === '7';
    if (isFile && name.split('/').filter(Boolean).at(-1) === baseName) return Buffer.from(data);
  }
  return null;
}

function headerName(header: Buffer): string {
  const name = cString(header.subarray(0, 100));
  const isUstar = header.subarray(257, 262).toString('latin1') === 'ustar';
  const prefix = isUstar ? cString(header.subarray(345, 500)) : '';
  return prefix ? `${prefix}/${name}` : name;
}

function entrySize(header: Buffer): number {
  const field = header.subarray(124, 136);
  // GNU base-256 for sizes beyond the 11 octal digits.
  if (field[0] & 0x80) return field.subarray(1).reduce((total, byte) => total * 256 + byte, field[0] & 0x7f);
  const octal = cString(field).trim();
  return octal ? parseInt(octal, 8) : 0;
}

function cString(bytes: Buffer): string {
  const end = bytes.indexOf(0);
  return bytes.subarray(0, end === -1 ? bytes.length : end).toString('utf8');
}

/** The `path` record of a pax extended header (`<length> path=<value>\n` records). */
function paxPath(data: Buffer): string | null {
  for (const match of data.toString('utf8').matchAll(/^\d+ path=(.*)$/gm)) return match[1];
  return null;
}
