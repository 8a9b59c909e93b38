import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { buildCurlCommand } from '../../renderer/src/model/delivery/curl-command.js';
import { printfFormat, shellQuote } from '../../renderer/src/model/common/shell-quote.js';

/** Runs a shell snippet and returns stdout as bytes: proves the quoting really yields the original bytes. */
function sh(script: string): Buffer {
  return execFileSync('sh', ['-c', script]);
}

describe('shellQuote', () => {
  it('round-trips quotes, newlines, dollars, backticks and globs through sh', () => {
    const nasty = `it's "$HOME" \`id\` * ? [a] \\ \n\ttab; rm -rf / #`;
    expect(sh(`printf '%s' ${shellQuote(nasty)}`).toString('utf8')).toBe(nasty);
  });

  it('leaves plain words bare and quotes the empty string', () => {
    expect(shellQuote('http://127.0.0.1:4610/x')).toBe('http://127.0.0.1:4610/x');
    expect(shellQuote('')).toBe("''");
  });
});

describe('printfFormat', () => {
  it('writes every byte value exactly, in dash as well as bash', () => {
    const all = new Uint8Array(256).map((_, i) => i);
    expect([...sh(`printf ${printfFormat(all)}`)]).toEqual([...all]);
    expect([...execFileSync('bash', ['-c', `printf ${printfFormat(all)}`])]).toEqual([...all]);
  });
});

describe('buildCurlCommand', () => {
  const origin = 'http://127.0.0.1:4610';

  it('sends headers in order with duplicates, skips Host/Content-Length/hop-by-hop, and quotes the body', () => {
    const command = buildCurlCommand(
      {
        method: 'POST',
        path: '/i/default/hook?x=1&y=[2]',
        headers: [
          ['Host', '127.0.0.1:4610'],
          ['Content-Type', 'application/json'],
          ['X-Dup', 'a'],
          ['Connection', 'keep-alive'],
          ['x-dup', 'b'],
          ['Content-Length', '9'],
          ['X-Empty', ''],
        ],
        body: { encoding: 'utf8', data: `{"a":"'"}`, size: 9 },
      },
      origin,
    );
    expect(command).toBe(
      [
        'curl',
        '--globoff',
        '--path-as-is',
        `'http://127.0.0.1:4610/i/default/hook?x=1&y=[2]'`,
        `-H 'Content-Type: application/json'`,
        `-H 'X-Dup: a'`,
        `-H 'x-dup: b'`,
        `-H 'X-Empty;'`,
        `-H User-Agent:`,
        `-H Accept:`,
        `-H Expect:`,
        `--data-binary '{"a":"'\\''"}'`,
      ].join(' \\\n  '),
    );
  });

  it('removes the form content type curl would add when the original had none', () => {
    const command = buildCurlCommand({ method: 'PUT', path: '/x', headers: [], body: { encoding: 'utf8', data: 'a=b', size: 3 } }, origin);
    expect(command).toContain(`-X PUT`);
    expect(command).toContain(`-H Content-Type:`);
  });

  it('pipes binary bodies through printf and reads them from stdin', () => {
    const command = buildCurlCommand(
      {
        method: 'POST',
        path: '/bin',
        headers: [['Content-Type', 'application/octet-stream']],
        body: { encoding: 'base64', data: 'AP8n', size: 3 },
      },
      origin,
    );
    expect(command.startsWith(`printf '\\000\\377\\047' | curl`)).toBe(true);
    expect(command).toContain('--data-binary @-');
  });

  it('never lets a body that starts with @ name a file', () => {
    const command = buildCurlCommand(
      { method: 'POST', path: '/', headers: [], body: { encoding: 'utf8', data: '@/etc/passwd', size: 12 } },
      origin,
    );
    expect(command).toContain(`printf '%s' @/etc/passwd | curl`);
    expect(command).toContain('--data-binary @-');
  });

  it('sends a plain GET without method or body flags', () => {
    const command = buildCurlCommand({ method: 'GET', path: '/ping', headers: [], body: { encoding: 'utf8', data: '', size: 0 } }, origin);
    expect(command).toBe(
      ['curl', '--globoff', '--path-as-is', 'http://127.0.0.1:4610/ping', '-H User-Agent:', '-H Accept:'].join(' \\\n  '),
    );
  });
});
