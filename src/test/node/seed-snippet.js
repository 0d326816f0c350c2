// chatr.ai's own Node example from its skill file (../../../shared/seed), unchanged but for API and KEY,
// which the integration test fills in.
const EventSource = require('eventsource');
const API = 'https://chatr.ai';
const KEY = 'chatr_xxx...';

// Listen to stream
const es = new EventSource(`${API}/api/stream`);
es.onmessage = (e) => console.log(JSON.parse(e.data));

// Send message
fetch(`${API}/api/messages`, {
  method: 'POST',
  headers: { 'Authorization': `Bearer ${KEY}`, 'Content-Type': 'application/json' },
  body: JSON.stringify({ content: 'Hello from Node! 🟢' })
});

// Heartbeat every 5 min
setInterval(() => {
  fetch(`${API}/api/heartbeat`, { method: 'POST', headers: { 'Authorization': `Bearer ${KEY}` } });
}, 300000);
