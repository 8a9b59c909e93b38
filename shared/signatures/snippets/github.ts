import { flaskApp, nodeServer, type SchemeSnippets } from './snippet.js';

const ENV = 'GITHUB_WEBHOOK_SECRET';

export const githubSnippets: SchemeSnippets = {
  secretEnv: ENV,
  node: {
    language: 'node',
    runtime: 'Node.js 18+ · npm install @octokit/webhooks-methods',
    code: nodeServer({
      title: 'Verify GitHub webhooks with @octokit/webhooks-methods',
      install: 'npm install @octokit/webhooks-methods',
      imports: ["import { verify } from '@octokit/webhooks-methods';"],
      setup: `// The secret set on the webhook (Settings → Webhooks → Secret).
const secret = requireEnv('${ENV}');`,
      verify: `const signature = req.headers['x-hub-signature-256'];
if (!signature) throw new Error('no X-Hub-Signature-256 header (X-Hub-Signature alone is the legacy SHA-1 one)');
// verify takes the body as text: decode the raw bytes, never re-serialize parsed JSON.
return verify(secret, rawBody.toString('utf8'), signature);`,
    }),
  },
  python: {
    language: 'python',
    runtime: 'Python 3.8+ · pip install flask (hmac is built in)',
    code: flaskApp({
      title: "Verify GitHub webhooks (HMAC-SHA256, as in GitHub's docs)",
      install: 'pip install flask',
      imports: ['import hashlib', 'import hmac'],
      setup: `# The secret set on the webhook (Settings -> Webhooks -> Secret).
SECRET = os.environ["${ENV}"]`,
      route: '/webhooks/github',
      verify: `signature = request.headers.get("X-Hub-Signature-256", "")
expected = "sha256=" + hmac.new(SECRET.encode("utf-8"), raw_body, hashlib.sha256).hexdigest()
# compare_digest is constant-time and returns False for different lengths (bytes: any text is safe).
return hmac.compare_digest(expected.encode("utf-8"), signature.encode("utf-8"))`,
    }),
  },
};
