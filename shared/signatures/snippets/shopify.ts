import { flaskApp, NODE_SAFE_EQUAL, nodeServer, type SchemeSnippets } from './snippet.js';

const ENV = 'SHOPIFY_CLIENT_SECRET';

export const shopifySnippets: SchemeSnippets = {
  secretEnv: ENV,
  node: {
    language: 'node',
    runtime: 'Node.js 18+ · no dependency',
    code: nodeServer({
      title: "Verify Shopify webhooks (HMAC-SHA256 in base64, as in Shopify's docs)",
      imports: ["import { createHmac, timingSafeEqual } from 'node:crypto';"],
      setup: `// The app's client secret (or the secret shown in the store's Notifications settings).
const secret = requireEnv('${ENV}');`,
      helpers: NODE_SAFE_EQUAL,
      verify: `// Base64, not hex: Shopify writes the digest in base64.
const expected = createHmac('sha256', secret).update(rawBody).digest('base64');
return safeEqual(req.headers['x-shopify-hmac-sha256'], expected);`,
    }),
  },
  python: {
    language: 'python',
    runtime: 'Python 3.8+ · pip install flask (hmac is built in)',
    code: flaskApp({
      title: "Verify Shopify webhooks (HMAC-SHA256 in base64, as in Shopify's docs)",
      install: 'pip install flask',
      imports: ['import base64', 'import hashlib', 'import hmac'],
      setup: `# The app's client secret (or the secret shown in the store's Notifications settings).
SECRET = os.environ["${ENV}"]`,
      route: '/webhooks/shopify',
      verify: `digest = hmac.new(SECRET.encode("utf-8"), raw_body, hashlib.sha256).digest()
expected = base64.b64encode(digest).decode("ascii")
received = request.headers.get("X-Shopify-Hmac-Sha256", "")
return hmac.compare_digest(expected.encode("utf-8"), received.encode("utf-8"))`,
    }),
  },
};
