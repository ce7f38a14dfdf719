// Load generator for run.ts, in its own process so that autocannon does not
// share the event loop (or the core) with the backend under test. Receives
// { url, requests, headers, connections, duration } and answers with the
// sorted response times (ms) and the non-200 count.
const autocannon = require('autocannon');

process.once('message', async options => {
  const latencies = [];
  let non2xx = 0;
  const started = Date.now();
  const instance = autocannon(options);
  instance.on('response', (_client, statusCode, _bytes, responseTime) => {
    latencies.push(responseTime);
    if (statusCode !== 200) non2xx++;
  });
  await instance;
  latencies.sort((a, b) => a - b);
  process.send({ latencies, non2xx, elapsedMs: Date.now() - started }, () =>
    process.exit(0),
  );
});
