// The "verify-webhook.js" sample from the InboundFlow webhook docs ("Verifying Webhook
// Signatures"), copied as written up to the end of the function; only the export line is added.
// Kept as CommonJS because the sample uses require().
const crypto = require('crypto');

function verifyWebhook(body, timestamp, signature, secret) {
  const signatureInput = `${timestamp}.${JSON.stringify(body)}`;
  const expectedSignature = 'sha256=' + crypto.createHmac('sha256', secret).update(signatureInput).digest('hex');

  return crypto.timingSafeEqual(Buffer.from(signature), Buffer.from(expectedSignature));
}

module.exports = { verifyWebhook };
