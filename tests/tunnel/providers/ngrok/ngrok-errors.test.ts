import { describe, expect, it } from 'vitest';
import {
  authtokenMissing,
  ngrokErrorCode,
  ngrokVerdict,
  plainLine,
  sdkUnavailable,
  urlTimeout,
  type NgrokFailure,
} from '../../../../electron/engine/tunnel/providers/ngrok/ngrok-errors.js';

const SERVER = 'connect.ngrok-agent.com:443';
const TOKEN = '2abcDEFghiJKLmnoPQRstuVWXyz_0123456789abcdefGHIJ';

/**
 * The SDK's error text, as ngrok-javascript builds it (`napi_ngrok_err`): "<what failed>: <ngrok's
 * message> error_code: <code>", where ngrok's message is its documented text for the code
 * (https://ngrok.com/docs/errors/) with the `ERR_NGROK_<n>` line moved to the end; the SDK's JS
 * wrapper also copies the code to `errorCode`.
 */
const sdkError = (what: string, message: string, code: string) => ({ message: `${what}: ${message} error_code: ${code}`, errorCode: code });

const verdict = (failure: Partial<NgrokFailure> & { message: string }) => ngrokVerdict({ serverAddr: SERVER, domain: null, ...failure });

const DOCUMENTED = {
  // ERR_NGROK_105
  malformed:
    'The authtoken you specified does not look like a proper ngrok tunnel authtoken.\n' +
    `Your authtoken: ${TOKEN}\n` +
    'Instructions to install your authtoken are on your ngrok dashboard:\n' +
    'https://dashboard.ngrok.com/get-started/your-authtoken',
  // ERR_NGROK_107
  revoked:
    'The authtoken you specified is properly formed, but it is invalid.\n' +
    `Your authtoken: ${TOKEN}\n` +
    'This usually happens when:\n' +
    '    - You reset your authtoken\n' +
    '    - Your authtoken was for a team account that you were removed from\n' +
    '    - You are using ngrok link and this credential was explicitly revoked\n' +
    'Go to your ngrok dashboard and double check that your authtoken is correct:\n' +
    'https://dashboard.ngrok.com/get-started/your-authtoken',
  // ERR_NGROK_108 ("Your account is limited to <MAX> simultaneous ngrok agent session<PLURAL>.\n<MSG>"), MSG left out
  sessionLimit: 'Your account is limited to 1 simultaneous ngrok agent session.',
  // ERR_NGROK_4018
  signup:
    'Usage of ngrok requires a verified account and authtoken.\n' +
    'Sign up for an account: https://dashboard.ngrok.com/signup\n' +
    'Install your authtoken: https://dashboard.ngrok.com/get-started/your-authtoken',
  // ERR_NGROK_319
  notReserved:
    'You must reserve a custom hostname for your account before it can be bound.\n' +
    'Failed to bind the domain "hooks.example.com" for the account "Ada" in region "us".\n' +
    '(Hint: Did you reserve the domain in this region?)\n' +
    'Reserve this name on your dashboard: https://dashboard.ngrok.com/cloud-edge/domains/new',
  // ERR_NGROK_320
  otherAccount:
    'This domain is reserved for another account.\n' +
    'Failed to bind the domain "hooks.example.com" for the account "Ada".\n' +
    'If you have reserved this name, make sure that you are using an\nauthtoken credential for the appropriate account.',
  // ERR_NGROK_334
  inUse:
    "The endpoint 'https://hooks.example.com' is already online. Either\n- stop your existing endpoint first, or\n- start both endpoints with `--pooling-enabled` to load balance between them.",
  // ERR_NGROK_3200
  offline: 'The endpoint is offline.',
  // ERR_NGROK_326
  badDomain:
    'Invalid character "/" in domain name. Valid domains may contain only a-z, A-Z, 0-9, . * and - characters. Failed to bind the domain "https://x/".',
};

describe('ngrok error mapping', () => {
  it('reads the code from the SDK errorCode or from the message it ends with', () => {
    expect(ngrokErrorCode({ message: 'x', errorCode: 'ERR_NGROK_105' })).toBe(105);
    expect(ngrokErrorCode({ message: `failed to connect session: ${DOCUMENTED.signup} error_code: ERR_NGROK_4018` })).toBe(4018);
    expect(ngrokErrorCode({ message: 'failed to connect session: failed to establish tcp connection' })).toBeNull();
  });

  it('stops on a malformed authtoken (ERR_NGROK_105) and says where to copy a good one, without quoting the token', () => {
    const result = verdict(sdkError('failed to connect session', DOCUMENTED.malformed, 'ERR_NGROK_105'));
    expect(result.retry).toBe(false);
    expect(result.error.code).toBe('ngrok_authtoken_invalid');
    expect(result.error.fix).toContain('https://dashboard.ngrok.com/get-started/your-authtoken');
    expect(result.error.fix).toContain('NGROK_AUTHTOKEN');
    expect(JSON.stringify(result.error)).not.toContain(TOKEN);
  });

  it('stops on a revoked or reset authtoken (ERR_NGROK_107)', () => {
    const result = verdict(sdkError('failed to connect session', DOCUMENTED.revoked, 'ERR_NGROK_107'));
    expect(result).toMatchObject({ retry: false, error: { code: 'ngrok_authtoken_revoked' } });
    expect(result.error.message).toMatch(/no longer valid/);
    expect(JSON.stringify(result.error)).not.toContain(TOKEN);
  });

  it('stops when ngrok needs an account and an authtoken (ERR_NGROK_4018), pointing to the sign-up', () => {
    const result = verdict(sdkError('failed to connect session', DOCUMENTED.signup, 'ERR_NGROK_4018'));
    expect(result).toMatchObject({ retry: false, error: { code: 'ngrok_authtoken_required' } });
    expect(result.error.fix).toContain('https://dashboard.ngrok.com/signup');
  });

  it('keeps trying when the account already runs its limit of agent sessions (ERR_NGROK_108): the other one may be its own last session', () => {
    const result = verdict(sdkError('failed to connect session', DOCUMENTED.sessionLimit, 'ERR_NGROK_108'));
    expect(result).toMatchObject({ retry: true, error: { code: 'ngrok_session_limit' } });
    expect(result.error.fix).toMatch(/Stop any other ngrok agent/);
  });

  it('stops on a domain the account has not reserved (ERR_NGROK_319) and names the domain', () => {
    const result = verdict({
      ...sdkError('failed to start listener', DOCUMENTED.notReserved, 'ERR_NGROK_319'),
      domain: 'hooks.example.com',
    });
    expect(result).toMatchObject({ retry: false, error: { code: 'ngrok_domain_not_reserved' } });
    expect(result.error.message).toContain('hooks.example.com');
    expect(result.error.fix).toMatch(/clear the ngrok domain/);
  });

  it("stops on another account's domain (ERR_NGROK_320) and on a malformed one (ERR_NGROK_326)", () => {
    expect(verdict(sdkError('failed to start listener', DOCUMENTED.otherAccount, 'ERR_NGROK_320')).error.code).toBe(
      'ngrok_domain_other_account',
    );
    const malformed = verdict(sdkError('failed to start listener', DOCUMENTED.badDomain, 'ERR_NGROK_326'));
    expect(malformed).toMatchObject({ retry: false, error: { code: 'ngrok_domain_invalid' } });
    expect(malformed.error.fix).toMatch(/host name only/);
  });

  it('keeps trying while the URL is still online in a session ngrok has not yet dropped (ERR_NGROK_334)', () => {
    const result = verdict({ ...sdkError('failed to start listener', DOCUMENTED.inUse, 'ERR_NGROK_334'), domain: 'hooks.example.com' });
    expect(result).toMatchObject({ retry: true, error: { code: 'ngrok_endpoint_in_use' } });
    expect(result.error.message).toContain('https://hooks.example.com');
  });

  it('reads "the endpoint is offline" (ERR_NGROK_3200) from what the public side answers', () => {
    const result = verdict({ message: `${DOCUMENTED.offline}\n\nERR_NGROK_3200` });
    expect(result).toMatchObject({ retry: true, error: { code: 'ngrok_endpoint_offline' } });
  });

  it('stops on a code it has no words for, with the first line of ngrok’s message and its error page', () => {
    const result = verdict(
      sdkError('failed to connect session', 'Your account is not permitted to use the agent ingress "x".', 'ERR_NGROK_122'),
    );
    expect(result.retry).toBe(false);
    expect(result.error.code).toBe('ngrok_refused');
    expect(result.error.message).toBe(
      'ngrok refused the session (ERR_NGROK_122): Your account is not permitted to use the agent ingress "x".',
    );
    expect(result.error.fix).toContain('https://ngrok.com/docs/errors/err_ngrok_122/');
  });

  // The SDK's own connect failures (ngrok-rust ConnectError) carry no code; its TCP failure does not say why.
  it('tells DNS, refusal, no route and a timeout apart by Hookbench’s own connect to the server, and keeps trying', () => {
    const tcp = { message: 'failed to connect session: failed to establish tcp connection' };
    expect(verdict({ ...tcp, reach: 'ENOTFOUND' })).toMatchObject({ retry: true, error: { code: 'ngrok_dns_failed' } });
    expect(verdict({ ...tcp, reach: 'EAI_AGAIN' }).error.message).toBe(
      'Cannot look up connect.ngrok-agent.com: no network, or DNS does not answer.',
    );
    expect(verdict({ ...tcp, reach: 'ECONNREFUSED' })).toMatchObject({ retry: true, error: { code: 'ngrok_connection_refused' } });
    expect(verdict({ ...tcp, reach: 'ENETUNREACH' })).toMatchObject({ retry: true, error: { code: 'ngrok_no_network' } });
    expect(verdict({ ...tcp, reach: 'ETIMEDOUT' })).toMatchObject({ retry: true, error: { code: 'ngrok_unreachable' } });
    expect(verdict({ ...tcp, reach: null })).toMatchObject({ retry: true, error: { code: 'ngrok_unreachable' } });
  });

  it('calls a failed TLS handshake something other than ngrok answering, and keeps trying', () => {
    const result = verdict({ message: 'failed to connect session: tls handshake error' });
    expect(result).toMatchObject({ retry: true, error: { code: 'ngrok_tls_failed' } });
    expect(result.error.message).toContain(SERVER);
  });

  it('calls the disconnection handler’s "transport error" and "reconnect error" a lost connection', () => {
    expect(verdict({ message: 'transport error' }).error.code).toBe('ngrok_connection_lost');
    expect(verdict({ message: 'reconnect error' }).error.code).toBe('ngrok_connection_lost');
  });

  it('refuses an invalid server address setting without retrying', () => {
    expect(verdict({ message: 'invalid server address: nope' })).toMatchObject({
      retry: false,
      error: { code: 'ngrok_server_addr_invalid' },
    });
  });

  it('words the errors that never reach ngrok', () => {
    expect(authtokenMissing()).toMatchObject({ code: 'ngrok_authtoken_missing' });
    expect(authtokenMissing().fix).toContain('https://dashboard.ngrok.com/get-started/your-authtoken');
    expect(urlTimeout(30_000, SERVER)).toMatchObject({ code: 'url_timeout', message: 'ngrok gave no public URL within 30 s.' });
    expect(sdkUnavailable("Cannot find module '@ngrok/ngrok-linux-x64-gnu'").code).toBe('ngrok_sdk_unavailable');
  });

  it('shows one plain line of an SDK message: no prefix, no code suffix, no line that quotes the authtoken', () => {
    expect(plainLine(`failed to connect session: ${DOCUMENTED.malformed} error_code: ERR_NGROK_105`)).toBe(
      'The authtoken you specified does not look like a proper ngrok tunnel authtoken.',
    );
    expect(plainLine(`Your authtoken: ${TOKEN}\nsecond line`)).toBe('second line');
    expect(plainLine('x'.repeat(300))).toHaveLength(200);
  });
});
