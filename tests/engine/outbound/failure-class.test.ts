import { describe, expect, it } from 'vitest';
import { classifyError, classifyStatus } from '../../../electron/engine/outbound/failure-class.js';

const err = (code: string, cause?: unknown) => Object.assign(new Error(code), { code, cause });

describe('failure classes', () => {
  it('calls any 2xx a success and every other status http_<status>', () => {
    expect(classifyStatus(200)).toBeNull();
    expect(classifyStatus(204)).toBeNull();
    expect(classifyStatus(299)).toBeNull();
    expect(classifyStatus(302)).toBe('http_302');
    expect(classifyStatus(404)).toBe('http_404');
    expect(classifyStatus(503)).toBe('http_503');
  });

  it('maps connection errors, looking through causes', () => {
    expect(classifyError(err('ECONNREFUSED'))).toBe('refused');
    expect(classifyError(err('ENOTFOUND'))).toBe('dns');
    expect(classifyError(err('EAI_AGAIN'))).toBe('dns');
    expect(classifyError(err('ECONNRESET'))).toBe('reset');
    expect(classifyError(err('UND_ERR_SOCKET'))).toBe('reset');
    expect(classifyError(err('UND_ERR_CONNECT_TIMEOUT'))).toBe('timeout');
    expect(classifyError(err('UNABLE_TO_VERIFY_LEAF_SIGNATURE'))).toBe('tls');
    expect(classifyError(err('ERR_TLS_CERT_ALTNAME_INVALID'))).toBe('tls');
    expect(classifyError(err('UND_ERR_SOCKET', err('DEPTH_ZERO_SELF_SIGNED_CERT')))).toBe('tls');
    expect(classifyError(err('EHOSTUNREACH'))).toBe('network');
    expect(classifyError(new Error('no code'))).toBe('network');
  });
});
