// Runs inside the page (Chromium), not in Node: see paint-bench.ts.
/* eslint-disable */
(async ({ wsUrl, rings }) => {
  const ws = new WebSocket(wsUrl);
  await new Promise((r) => ws.addEventListener('open', r, { once: true }));
  let nextId = 1;
  const call = (channel, input) =>
    new Promise((resolveCall) => {
      const id = nextId++;
      const onMessage = (ev) => {
        const frame = JSON.parse(String(ev.data));
        if (frame.id === id) {
          ws.removeEventListener('message', onMessage);
          resolveCall(frame.result);
        }
      };
      ws.addEventListener('message', onMessage);
      ws.send(JSON.stringify({ id, channel, input }));
    });
  const painted = (callId) =>
    new Promise((done) => {
      const found = () => document.querySelector(`[data-testid="call-card"][data-call-id="${CSS.escape(callId)}"]`);
      const finish = () => requestAnimationFrame(() => requestAnimationFrame(() => done()));
      if (found()) return finish();
      const obs = new MutationObserver(() => {
        if (found()) {
          obs.disconnect();
          finish();
        }
      });
      obs.observe(document.body, { subtree: true, childList: true, attributes: true });
    });
  const times = [];
  for (let i = 0; i < rings; i++) {
    const t0 = performance.now();
    // The call id is only known from the answer, so watch for any new card first.
    const before = new Set([...document.querySelectorAll('[data-testid="call-card"]')].map((e) => e.getAttribute('data-call-id')));
    const ringing = call('calls.simulate', { action: 'ring' });
    const appeared = new Promise((done) => {
      const check = () => {
        const el = [...document.querySelectorAll('[data-testid="call-card"]')].find((e) => !before.has(e.getAttribute('data-call-id')));
        return el?.getAttribute('data-call-id') ?? null;
      };
      const now = check();
      if (now) return done(now);
      const obs = new MutationObserver(() => {
        const id = check();
        if (id) {
          obs.disconnect();
          done(id);
        }
      });
      obs.observe(document.body, { subtree: true, childList: true, attributes: true });
    });
    const callId = await appeared;
    await painted(callId);
    times.push(performance.now() - t0);
    await ringing;
    await call('calls.simulate', { action: 'hangup', callId });
    await call('calls.dismiss', { callId });
    await new Promise((r) => setTimeout(r, 20));
  }
  ws.close();
  return times;
})
