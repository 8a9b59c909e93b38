import { describe, expect, it } from 'vitest';
import { desktopContentSecurityPolicy } from '../../electron/shell/content-security-policy.js';

function directives(policy: string): Map<string, string> {
  return new Map(
    policy
      .split(';')
      .map((part) => part.trim().split(/\s+/))
      .map(([name, ...values]) => [name, values.join(' ')]),
  );
}

describe('desktop window CSP', () => {
  const policy = directives(desktopContentSecurityPolicy(4600));

  it("runs only the app's own scripts: no inline, no eval, no plugins", () => {
    expect(policy.get('default-src')).toBe("'self'");
    expect(policy.get('script-src')).toBe("'self'");
    expect(policy.get('object-src')).toBe("'none'");
    expect(policy.get('base-uri')).toBe("'none'");
    expect(policy.get('frame-ancestors')).toBe("'none'");
    expect(policy.get('img-src')).toBe("'self' data:");
    expect(policy.get('style-src')).toBe("'self' 'unsafe-inline'");
  });

  it('lets the page talk to the control API on its loopback port and nowhere else', () => {
    expect(policy.get('connect-src')).toBe("'self' http://127.0.0.1:4600 ws://127.0.0.1:4600");
    expect(directives(desktopContentSecurityPolicy(53123)).get('connect-src')).toContain('ws://127.0.0.1:53123');
  });
});
