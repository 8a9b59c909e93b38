import { flaskApp, nodeServer, type SchemeSnippets } from './snippet.js';

const ENV = 'STRIPE_WEBHOOK_SECRET';

export const stripeSnippets: SchemeSnippets = {
  secretEnv: ENV,
  node: {
    language: 'node',
    runtime: 'Node.js 18+ · npm install stripe',
    code: nodeServer({
      title: 'Verify Stripe webhooks with stripe.webhooks.constructEvent',
      install: 'npm install stripe',
      imports: ["import Stripe from 'stripe';"],
      setup: `// Verifying needs no API key; pass yours if this process also calls the API.
const stripe = new Stripe(process.env.STRIPE_SECRET_KEY ?? 'sk_unused_for_verification');
// whsec_… from the dashboard (Developers → Webhooks) or from \`stripe listen\`.
const endpointSecret = requireEnv('${ENV}');`,
      verify: `// Throws unless a v1 signature matches the raw body and the timestamp is at most 300 s old.
const event = stripe.webhooks.constructEvent(rawBody, req.headers['stripe-signature'], endpointSecret);
console.log(\`stripe event \${event.type}\`);
return true;`,
    }),
  },
  python: {
    language: 'python',
    runtime: 'Python 3.8+ · pip install stripe flask',
    code: flaskApp({
      title: 'Verify Stripe webhooks with stripe.Webhook.construct_event',
      install: 'pip install stripe flask',
      imports: ['import stripe'],
      setup: `# whsec_... from the dashboard (Developers -> Webhooks) or from \`stripe listen\`.
ENDPOINT_SECRET = os.environ["${ENV}"]`,
      route: '/webhooks/stripe',
      verify: `try:
    # Raises unless a v1 signature matches the raw body and the timestamp is at most 300 s old.
    stripe.Webhook.construct_event(raw_body, request.headers.get("Stripe-Signature"), ENDPOINT_SECRET)
    return True
except (ValueError, stripe.SignatureVerificationError) as error:
    print(f"stripe: {error}")
    return False`,
    }),
  },
};
