import { flaskApp, NODE_SAFE_EQUAL, nodeServer, type SchemeSnippets } from './snippet.js';

const ENV = 'INBOUNDFLOW_SIGNING_SECRET';

export const inboundflowSnippets: SchemeSnippets = {
  secretEnv: ENV,
  node: {
    language: 'node',
    runtime: 'Node.js 18+ · no dependency',
    code: nodeServer({
      title: 'Verify InboundFlow webhooks (sha256=<hex> over "<timestamp>.<body>")',
      imports: ["import { createHmac, timingSafeEqual } from 'node:crypto';"],
      setup: `// The signing secret from InboundFlow → Settings → Integrations.
const secret = requireEnv('${ENV}');`,
      helpers: NODE_SAFE_EQUAL,
      verify: `const timestamp = String(req.headers['x-inboundflow-timestamp'] ?? '');
if (!/^[0-9]{1,15}$/.test(timestamp) || Math.abs(Date.now() / 1000 - Number(timestamp)) > 300) return false;
const expected = 'sha256=' + createHmac('sha256', secret).update(\`\${timestamp}.\`).update(rawBody).digest('hex');
return safeEqual(req.headers['x-inboundflow-signature'], expected);`,
    }),
  },
  python: {
    language: 'python',
    runtime: 'Python 3.8+ · pip install flask (hmac is built in)',
    code: flaskApp({
      title: 'Verify InboundFlow webhooks (sha256=<hex> over "<timestamp>.<body>")',
      install: 'pip install flask',
      imports: ['import hashlib', 'import hmac', 'import re', 'import time'],
      setup: `# The signing secret from InboundFlow -> Settings -> Integrations.
SECRET = os.environ["${ENV}"]`,
      route: '/webhooks/inboundflow',
      verify: `timestamp = request.headers.get("X-InboundFlow-Timestamp", "")
if not re.fullmatch(r"[0-9]{1,15}", timestamp) or abs(time.time() - int(timestamp)) > 300:
    return False
signed = timestamp.encode("ascii") + b"." + raw_body
expected = "sha256=" + hmac.new(SECRET.encode("utf-8"), signed, hashlib.sha256).hexdigest()
received = request.headers.get("X-InboundFlow-Signature", "")
return hmac.compare_digest(expected.encode("utf-8"), received.encode("utf-8"))`,
    }),
  },
};
