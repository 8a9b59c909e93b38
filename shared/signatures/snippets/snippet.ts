/**
 * Verification code to copy, per scheme, in Node.js and Python. Pure strings (no Node imports),
 * so the UI can show them. Each Node.js snippet is a whole runnable ES module: a node:http
 * server that reads the raw body, verifies it with the sender's own library where one exists,
 * prints "valid" or "invalid: …" and answers 200 or 400. tests/shared/signatures/snippets.test.ts
 * runs each one against a real signed request.
 */

export type SnippetLanguage = 'node' | 'python';

export interface VerifySnippet {
  language: SnippetLanguage;
  /** What it runs on and what to install, shown next to the code. */
  runtime: string;
  code: string;
}

export interface SchemeSnippets {
  /** The environment variable the snippets read the secret from. */
  secretEnv: string;
  /** Set for schemes that sign the URL: the public base URL the sender calls (the tunnel's). */
  publicUrlEnv?: string;
  node: VerifySnippet;
  python: VerifySnippet;
}

export const PUBLIC_URL_ENV = 'PUBLIC_BASE_URL';

export interface NodeParts {
  title: string;
  install?: string;
  imports: string[];
  /** Top-level constants (the secret, the client…). */
  setup: string;
  /** The body of `async function verifyWebhook(rawBody, req)`: return true when valid, false or throw otherwise. */
  verify: string;
  /** Helpers placed before verifyWebhook. */
  helpers?: string;
}

const SAFE_EQUAL = `// Constant-time comparison that is false, not an exception, for different lengths.
function safeEqual(received, expected) {
  const a = Buffer.from(String(received ?? ''));
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}`;

export const NODE_SAFE_EQUAL = SAFE_EQUAL;

export function nodeServer(parts: NodeParts): string {
  const install = parts.install ? ` Install: ${parts.install}.` : '';
  return `// ${parts.title}: Node.js 18+, an ES module (save as verify-webhook.mjs).${install}
import { createServer } from 'node:http';
${parts.imports.join('\n')}

function requireEnv(name) {
  const value = process.env[name];
  if (!value) throw new Error(\`Set \${name}\`);
  return value;
}

${parts.setup}
${parts.helpers ? `\n${parts.helpers}\n` : ''}
// rawBody is the exact bytes received, never JSON.stringify(req.body): re-serialized JSON differs
// from what was signed. With Express, put express.raw({ type: '*/*' }) on this route and pass req.body.
async function verifyWebhook(rawBody, req) {
${indent(parts.verify)}
}

const server = createServer((req, res) => {
  const chunks = [];
  req.on('data', (chunk) => chunks.push(chunk));
  req.on('end', async () => {
    const rawBody = Buffer.concat(chunks);
    const verdict = await verifyWebhook(rawBody, req).then(
      (valid) => (valid ? 'valid' : 'invalid: the signature does not match'),
      (error) => \`invalid: \${error.message}\`,
    );
    console.log(verdict);
    res.writeHead(verdict === 'valid' ? 200 : 400, { 'Content-Type': 'text/plain' }).end(verdict === 'valid' ? 'ok\\n' : 'invalid signature\\n');
  });
});

// Your tunnel (Hookbench, ngrok, cloudflared…) forwards to this local port.
server.listen(Number(process.env.PORT ?? 3000), '127.0.0.1', () => {
  console.log(\`listening on http://127.0.0.1:\${server.address().port}\`);
});
`;
}

export interface PythonParts {
  title: string;
  install: string;
  imports: string[];
  setup: string;
  route: string;
  /** The body of the Flask view: `raw_body` holds the exact bytes; return True when valid. */
  verify: string;
  helpers?: string;
}

export function flaskApp(parts: PythonParts): string {
  return `# ${parts.title}: Python 3.8+ with Flask. Install: ${parts.install}.
${[...new Set(['import os', ...parts.imports]), 'from flask import Flask, abort, request'].join('\n')}

${parts.setup}
${parts.helpers ? `\n${parts.helpers}\n` : ''}
app = Flask(__name__)


def verify_webhook(raw_body: bytes) -> bool:
    """raw_body must be the exact bytes received (request.get_data()), never json.dumps(request.json)."""
${indent(parts.verify, '    ')}


@app.post("${parts.route}")
def webhook():
    raw_body = request.get_data()  # read the raw bytes before anything parses them
    if not verify_webhook(raw_body):
        print("invalid")
        abort(400)
    print("valid")
    return "ok", 200


if __name__ == "__main__":
    app.run(port=int(os.environ.get("PORT", "3000")))
`;
}

function indent(code: string, by = '  '): string {
  return code
    .split('\n')
    .map((line) => (line === '' ? line : by + line))
    .join('\n');
}
