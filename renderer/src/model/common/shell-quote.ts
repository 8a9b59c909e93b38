/** POSIX single-quoting: every byte is literal inside '…' except the quote itself. */
export function shellQuote(value: string): string {
  if (value !== '' && /^[A-Za-z0-9_@%+=:,./-]+$/.test(value)) return value;
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

/**
 * A single-quoted `printf` format that writes exactly these bytes in sh, dash and bash:
 * printable ASCII stays readable, everything else becomes a 3-digit octal escape (POSIX printf).
 */
export function printfFormat(bytes: Uint8Array): string {
  let out = '';
  for (const byte of bytes) {
    if (byte === 0x25) out += '%%';
    else if (byte === 0x5c) out += '\\\\';
    else if (byte === 0x27 || byte < 0x20 || byte >= 0x7f) out += '\\' + byte.toString(8).padStart(3, '0');
    else out += String.fromCharCode(byte);
  }
  return `'${out}'`;
}
