import { flaskApp, nodeServer, PUBLIC_URL_ENV, type SchemeSnippets } from './snippet.js';

const ENV = 'TWILIO_AUTH_TOKEN';

export const twilioSnippets: SchemeSnippets = {
  secretEnv: ENV,
  publicUrlEnv: PUBLIC_URL_ENV,
  node: {
    language: 'node',
    runtime: 'Node.js 18+ · npm install twilio',
    code: nodeServer({
      title: 'Verify Twilio webhooks with twilio.validateRequest',
      install: 'npm install twilio',
      imports: ["import twilio from 'twilio';"],
      setup: `const authToken = requireEnv('${ENV}');
// Twilio signs the URL it called: your public (tunnel) URL, e.g. https://quiet-fox.trycloudflare.com,
// never http://localhost:3000 as this server sees it.
const publicBaseUrl = requireEnv('${PUBLIC_URL_ENV}').replace(/\\/+$/, '');`,
      verify: `const url = publicBaseUrl + req.url;
const signature = req.headers['x-twilio-signature'];
if (new URL(url).searchParams.has('bodySHA256')) {
  // A JSON body: Twilio signed the URL, which carries the body's SHA-256.
  return twilio.validateRequestWithBody(authToken, signature, url, rawBody.toString('utf8'));
}
// A form post: Twilio signed the URL followed by the sorted parameters (repeated names as arrays).
const params = Object.create(null);
for (const [name, value] of new URLSearchParams(rawBody.toString('utf8'))) {
  params[name] = name in params ? [].concat(params[name], value) : value;
}
return twilio.validateRequest(authToken, signature, url, params);`,
    }),
  },
  python: {
    language: 'python',
    runtime: 'Python 3.8+ · pip install twilio flask',
    code: flaskApp({
      title: "Verify Twilio webhooks with twilio's RequestValidator",
      install: 'pip install twilio flask',
      imports: ['from twilio.request_validator import RequestValidator'],
      setup: `VALIDATOR = RequestValidator(os.environ["${ENV}"])
# Twilio signs the URL it called: your public (tunnel) URL, never http://localhost as Flask sees it.
PUBLIC_BASE_URL = os.environ["${PUBLIC_URL_ENV}"].rstrip("/")`,
      route: '/webhooks/twilio',
      verify: `query = request.query_string.decode("utf-8")
url = PUBLIC_BASE_URL + request.path + ("?" + query if query else "")
signature = request.headers.get("X-Twilio-Signature", "")
if "bodySHA256" in request.args:
    # A JSON body: Twilio signed the URL, which carries the body's SHA-256.
    return VALIDATOR.validate(url, raw_body.decode("utf-8"), signature)
# A form post: Twilio signed the URL followed by the sorted parameters.
return VALIDATOR.validate(url, request.form, signature)`,
    }),
  },
};
