import { describe, expect, it } from 'vitest';
import { bodyBytes, bodyText } from '../../renderer/src/model/delivery/body-bytes.js';
import { hexDumpText, hexLine, hexLineCount } from '../../renderer/src/model/delivery/hex-dump.js';

describe('hex dump', () => {
  it('shows offset, two groups of eight bytes and printable ASCII', () => {
    const bytes = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x41, 0x7f, 0x20, 0xff, 0x3c, 0x73, 0x3e, 0x21]);
    expect(hexLineCount(bytes.length)).toBe(2);
    expect(hexLine(bytes, 0)).toEqual({
      offset: '00000000',
      hex: '89 50 4e 47 0d 0a 1a 0a  00 41 7f 20 ff 3c 73 3e',
      ascii: '.PNG.....A. .<s>',
    });
    expect(hexLine(bytes, 1)).toEqual({ offset: '00000010', hex: '21', ascii: '!' });
    expect(hexDumpText(bytes).split('\n')).toHaveLength(2);
  });
});

describe('body bytes', () => {
  it('decodes base64 bodies to the exact bytes and utf8 bodies to their UTF-8 encoding', () => {
    expect([...bodyBytes({ encoding: 'base64', data: 'AP8Q', size: 3 })]).toEqual([0x00, 0xff, 0x10]);
    expect([...bodyBytes({ encoding: 'utf8', data: 'é', size: 2 })]).toEqual([0xc3, 0xa9]);
  });

  it('shows binary as text with replacement characters instead of failing', () => {
    expect(bodyText({ encoding: 'base64', data: 'aGn/', size: 3 })).toBe('hi\ufffd');
  });
});
