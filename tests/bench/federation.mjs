// How long a post takes from "publish" in the staff app to a follower's inbox, on loopback:
// a Nahbar (NAHBAR_BIN, the release build in `make bench`) followed by the Fedify test peer
// (tests/fediverse/peer.mjs, an independent ActivityPub server that verifies every
// signature). Each post is sent as the staff app sends it (POST /admin/posts); the time runs
// from that request's start to the moment the peer's inbox has the Create{Note}.
// Side by side, the reference: Fedify delivering a Follow to itself (signing, sending,
// verifying in one process), the least a delivery between two servers costs here.
import { startNahbar, OWNER } from '../e2e/harness.mjs';
import { startPeer } from '../fediverse/peer-process.mjs';
import { Client } from '../nodes/cluster.mjs';

const ROUNDS = Number(process.env.ROUNDS ?? 30);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const figures = (ms) => {
  const sorted = [...ms].sort((x, y) => x - y);
  const at = (q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  return { median: at(0.5), p95: at(0.95), max: sorted.at(-1) };
};
const show = ({ median, p95, max }) => `median ${median} ms, p95 ${p95} ms, max ${max} ms`;

const nahbar = await startNahbar({ publicHost: 'localhost', extraArgs: ['--federation-private'] });
const peer = await startPeer();
try {
  const host = `localhost:${new URL(nahbar.base).port}`;
  const finger = await (await fetch(`${nahbar.base}/.well-known/webfinger?resource=acct:sonnenschein-freiburg@${host}`)).json();
  const actor = finger.links.find((l) => l.rel === 'self').href;
  const followed = await peer.call('POST', 'follow', { target: actor });
  if (!followed.json.ok) throw new Error(`follow failed: ${JSON.stringify(followed.json)}`);
  for (let i = 0; i < 100 && !(await peer.call('GET', 'follows')).json.follows.some((f) => f.accepted); i++) await sleep(100);

  const staff = new Client(nahbar.base);
  if (await staff.login(OWNER.email, OWNER.password) !== '/admin') throw new Error('sign-in failed');
  const token = staff.cookies.get('nahbar_csrf');
  const nahbarTimes = [];
  for (let i = 1; i <= ROUNDS; i++) {
    const form = new FormData();
    form.set('location', '1');
    form.set('text', `Frisch aus dem Ofen, Blech ${i}`);
    form.set('intent', 'submit');
    const started = Date.now();
    const response = await staff.request('/admin/posts', { method: 'POST', body: form,
      headers: { accept: 'application/json', 'x-csrf-token': token } });
    if (response.status !== 201) throw new Error(`post ${i}: ${response.status} ${await response.text()}`);
    await response.arrayBuffer();
    const got = await peer.call('GET', `received?type=Create&verified=true&min=${i}&timeout_ms=15000`);
    const item = got.json.items[i - 1];
    if (!item) throw new Error(`post ${i} did not arrive: ${JSON.stringify(got.json).slice(0, 300)}`);
    nahbarTimes.push(Date.parse(item.at) - started);
    await sleep(100);
  }

  await peer.call('POST', 'reset', {});
  const target = `${peer.origin}/users/mallory`;
  const fedifyTimes = [];
  for (let i = 1; i <= ROUNDS; i++) {
    const started = Date.now();
    const sent = await peer.call('POST', 'follow', { target });
    if (!sent.json.ok) throw new Error(`Fedify follow ${i}: ${JSON.stringify(sent.json)}`);
    const got = await peer.call('GET', `received?type=Follow&verified=true&min=${i}&timeout_ms=15000`);
    fedifyTimes.push(Date.parse(got.json.items[i - 1].at) - started);
    await sleep(100);
  }
  const n = figures(nahbarTimes);
  const f = figures(fedifyTimes);
  console.log(`Publish → follower's inbox on loopback (${ROUNDS} posts, Fedify peer verifying each signature):`);
  console.log(`  Nahbar post → Fedify inbox     ${show(n)}`);
  console.log(`  Fedify → Fedify (reference)    ${show(f)}`);
  console.log(`  ratio of medians ${(n.median / Math.max(1, f.median)).toFixed(1)}×`);
} finally {
  await peer.stop();
  await nahbar.stop();
}
