import { flaskApp, nodeServer, type SchemeSnippets } from './snippet.js';

const ENV = 'WEBHOOK_SECRET';

export const standardWebhooksSnippets: SchemeSnippets = {
  secretEnv: ENV,
  node: {
    language: 'node',
    runtime: 'Node.js 18+ · npm install standardwebhooks',
    code: nodeServer({
      title: 'Verify Standard Webhooks (Svix and others) with the standardwebhooks library',
      install: 'npm install standardwebhooks',
      imports: ["import { Webhook } from 'standardwebhooks';"],
      setup: `// The whsec_… secret: the library base64-decodes the part after whsec_ into the key.
const webhook = new Webhook(requireEnv('${ENV}'));`,
      verify: `// Throws unless a v1 signature in webhook-signature matches "<webhook-id>.<webhook-timestamp>.<body>"
// and the timestamp is within 5 minutes. (Svix's older svix-* headers need the svix package.)
webhook.verify(rawBody, req.headers);
return true;`,
    }),
  },
  python: {
    language: 'python',
    runtime: 'Python 3.8+ · pip install standardwebhooks flask',
    code: flaskApp({
      title: 'Verify Standard Webhooks (Svix and others) with the standardwebhooks library',
      install: 'pip install standardwebhooks flask',
      imports: ['from standardwebhooks.webhooks import Webhook, WebhookVerificationError'],
      setup: `# The whsec_... secret: the library base64-decodes the part after whsec_ into the key.
WEBHOOK = Webhook(os.environ["${ENV}"])`,
      route: '/webhooks/standard',
      verify: `try:
    # Raises unless a v1 signature matches and webhook-timestamp is within 5 minutes.
    WEBHOOK.verify(raw_body, dict(request.headers))
    return True
except WebhookVerificationError as error:
    print(f"standard webhooks: {error}")
    return False`,
    }),
  },
};
