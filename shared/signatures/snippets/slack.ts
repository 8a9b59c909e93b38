import { flaskApp, NODE_SAFE_EQUAL, nodeServer, type SchemeSnippets } from './snippet.js';

const ENV = 'SLACK_SIGNING_SECRET';

export const slackSnippets: SchemeSnippets = {
  secretEnv: ENV,
  node: {
    language: 'node',
    runtime: 'Node.js 18+ · no dependency (Bolt does this check itself)',
    code: nodeServer({
      title: "Verify Slack requests (v0 signatures, as in Slack's docs; @slack/bolt does it for you)",
      imports: ["import { createHmac, timingSafeEqual } from 'node:crypto';"],
      setup: `// The app's Signing Secret (Basic Information on api.slack.com), not the verification token.
const signingSecret = requireEnv('${ENV}');`,
      helpers: NODE_SAFE_EQUAL,
      verify: `const timestamp = String(req.headers['x-slack-request-timestamp'] ?? '');
// Refuse requests more than five minutes away: a replayed request keeps its signature.
if (!/^[0-9]+$/.test(timestamp) || Math.abs(Date.now() / 1000 - Number(timestamp)) > 300) return false;
const expected = 'v0=' + createHmac('sha256', signingSecret).update(\`v0:\${timestamp}:\`).update(rawBody).digest('hex');
return safeEqual(req.headers['x-slack-signature'], expected);`,
    }),
  },
  python: {
    language: 'python',
    runtime: 'Python 3.8+ · pip install slack_sdk flask',
    code: flaskApp({
      title: "Verify Slack requests with slack_sdk's SignatureVerifier",
      install: 'pip install slack_sdk flask',
      imports: ['from slack_sdk.signature import SignatureVerifier'],
      setup: `# The app's Signing Secret (Basic Information on api.slack.com), not the verification token.
VERIFIER = SignatureVerifier(os.environ["${ENV}"])`,
      route: '/slack/events',
      verify: `# Checks v0=<hex> over "v0:<timestamp>:<body>" and refuses timestamps more than 5 minutes away.
return VERIFIER.is_valid_request(raw_body, dict(request.headers))`,
    }),
  },
};
