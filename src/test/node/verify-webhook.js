// Checks chatr's hook deliveries with the Standard Webhooks library: reads one JSON object per line
// from stdin, {secret, id, timestamp, signature, body}, and prints one line per delivery, "verified"
// or "refused: <why>".
const { Webhook } = require('standardwebhooks');
const lines = require('readline').createInterface({ input: process.stdin });
lines.on('line', (line) => {
  const delivery = JSON.parse(line);
  try {
    new Webhook(delivery.secret).verify(delivery.body, {
      'webhook-id': delivery.id,
      'webhook-timestamp': delivery.timestamp,
      'webhook-signature': delivery.signature,
    });
    console.log('verified');
  } catch (refused) {
    console.log('refused: ' + refused.message);
  }
});
