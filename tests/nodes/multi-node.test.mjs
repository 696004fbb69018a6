// Two Nahbar nodes on one PostgreSQL database and one S3 bucket (s3s-fs), nginx from
// Debian in front, under mixed load: customers reading pages, staff signing in and posting
// with photos (each post with its idempotency key, retried with the same key when an
// answer does not come, as the staff app's outbox does). One node is killed (SIGKILL)
// halfway through one run and stopped (SIGTERM) halfway through another. Then: every
// acknowledged post exists exactly once with its photos readable, scheduled posts that
// fell due during the run are published exactly once, a change through one node shows on
// the other at its next request, and wrong passwords spread over both nodes are limited as
// one. The counts are printed (requests, acknowledged, lost, duplicated, 5xx seen).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { OWNER, freePort } from '../e2e/harness.mjs';
import { Client, createOwner, nahbarNode, nginxInFront, png, s3Server, scratchPostgres } from './cluster.mjs';

// Both nodes read one clock, started at a Wednesday morning (the pages read the same on
// every day and at every hour), so scheduled posts fall due within the run.
const CLOCK_START = Date.parse('2026-06-17T10:00:00+02:00');
const t0 = Date.now();
const clockAt = (ms) => new Date(CLOCK_START + (ms - t0));
const clock = () => clockAt(Date.now()).toISOString();
/** `2026-06-17T10:00:12` in Berlin, as a scheduled post's time. */
const berlin = (date) => date.toLocaleString('sv-SE', { timeZone: 'Europe/Berlin' }).replace(' ', 'T');
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

let db; let s3; let a; let b; let nginx; let location;
const PAGES = ['/', '/sonnenschein-freiburg', '/sonnenschein-freiburg/feed.atom', '/sitemap.xml',
  '/sonnenschein-freiburg/calendar.ics'];

before(async () => {
  db = scratchPostgres('nodes');
  s3 = await s3Server();
  // Customers (and the fediverse) know the shop by nginx's address.
  const front = await freePort();
  const publicUrl = `http://localhost:${front}`;
  a = nahbarNode({ name: 'node-a', db, s3, publicUrl, clock, demo: true });
  b = nahbarNode({ name: 'node-b', db, s3, publicUrl, clock });
  await a.start(); // fills the empty database with the demo business (its photos to S3)
  createOwner(db, OWNER);
  await b.start();
  nginx = await nginxInFront([a, b], front);
  [[location]] = db.sql("SELECT id FROM locations WHERE slug = 'sonnenschein-freiburg'");
});

after(async () => {
  await nginx?.stop();
  for (const node of [a, b]) { await node?.stop('SIGTERM'); node?.cleanup(); }
  await s3?.stop();
  db?.drop();
});

/** A signed-in staff app: its CSRF token and session cookie. */
async function staffApp() {
  const app = new Client(nginx.base);
  assert.equal(await app.login(OWNER.email, OWNER.password), '/admin');
  app.token = app.cookies.get('nahbar_csrf');
  assert.ok(app.token, 'the CSRF cookie is set');
  return app;
}

/** Sends one post with a photo, like the outbox: the same key again until it is answered. */
async function sendPost(app, marker, seed, stats, extra = {}) {
  const key = randomUUID();
  const photo = png(seed);
  for (let attempt = 1; attempt <= 40; attempt++) {
    const form = new FormData();
    form.set('location', location);
    form.set('text', `${marker} Frische Brezeln`);
    form.set('intent', 'submit');
    form.set('idempotency_key', key);
    for (const [k, v] of Object.entries(extra)) form.set(k, v);
    form.set('photo', new Blob([photo], { type: 'image/png' }), `${marker}.png`);
    form.set('alt', `Brezeln ${marker}`);
    stats.requests++;
    stats.posts++;
    let response;
    try {
      response = await app.request('/admin/posts', { method: 'POST', body: form,
        headers: { accept: 'application/json', 'x-csrf-token': app.token } });
    } catch (error) {
      stats.network++;
      stats.retries++;
      await sleep(200);
      continue;
    }
    const body = await response.text();
    if (response.status >= 500) {
      stats.fivexx++;
      stats.retries++;
      await sleep(200);
      continue;
    }
    if (response.status !== 201 && response.status !== 200) {
      stats.refused.push(`${response.status} ${body.slice(0, 200)}`);
      return null;
    }
    const answer = JSON.parse(body);
    return { key, marker, id: answer.id, photos: answer.post?.photos ?? [] };
  }
  stats.unsent.push(marker);
  return null;
}

/**
 * Mixed load through nginx for `seconds`: three customers reading pages, two staff apps
 * posting with photos, one person signing in again and again; `events` run at their time.
 */
async function mixedLoad(phase, seconds, events) {
  const stats = { requests: 0, pages: 0, posts: 0, logins: 0, network: 0, fivexx: 0, retries: 0,
    acknowledged: [], sent: [], refused: [], unsent: [], otherStatus: [], logFrom: nginx.log().length, errorsFrom: nginx.errors().length };
  const started = Date.now();
  const until = started + seconds * 1000;
  const running = () => Date.now() < until;
  const readers = [0, 1, 2].map(async (r) => {
    for (let i = 0; running(); i++) {
      const page = PAGES[(i + r) % PAGES.length];
      stats.requests++;
      stats.pages++;
      try {
        const response = await fetch(`${nginx.base}${page}`, { signal: AbortSignal.timeout(30_000) });
        await response.arrayBuffer();
        if (response.status >= 500) stats.fivexx++;
        else if (response.status !== 200) stats.otherStatus.push(`${page} ${response.status}`);
      } catch { stats.network++; }
    }
  });
  const posters = [0, 1].map(async (w) => {
    const app = await staffApp();
    for (let n = 0; running(); n++) {
      const marker = `[${phase}-${w}-${n}]`;
      stats.sent.push(marker);
      const done = await sendPost(app, marker, w * 1000 + n + (phase === 'kill' ? 0 : 500), stats);
      if (done) stats.acknowledged.push(done);
    }
  });
  const signIns = (async () => {
    for (let n = 0; running(); n++) {
      const person = new Client(nginx.base, { forwardedFor: `203.0.113.${(n % 200) + 1}` });
      stats.requests += 2; // the form, then the sign-in
      stats.logins++;
      try {
        const to = await person.login(OWNER.email, OWNER.password);
        // A sign-in that was on the killed node when it died is answered 502 by nginx (it
        // passes a POST on only when it could not send it): the person signs in again.
        if (person.lastStatus >= 500) stats.fivexx++;
        else if (to !== '/admin') stats.otherStatus.push(`login → ${person.lastStatus} ${to}`);
      } catch { stats.network++; }
    }
  })();
  const timed = events.map(async ({ after: at, run }) => {
    await sleep(Math.max(0, started + at * 1000 - Date.now()));
    await run();
  });
  await Promise.all([...readers, ...posters, signIns, ...timed]);
  return stats;
}

/** Every acknowledged post once in the database, with its photo served through nginx. */
async function check(phase, stats) {
  const rows = db.sql(`SELECT body, idempotency_key, state, (SELECT COUNT(*) FROM post_photos f WHERE f.post_id = p.id) FROM posts p WHERE body LIKE '[${phase}-%'`);
  const byMarker = new Map();
  for (const [body, key, state, photos] of rows) {
    const marker = body.split(' ')[0];
    byMarker.set(marker, [...(byMarker.get(marker) ?? []), { key, state, photos: Number(photos) }]);
  }
  const lost = stats.acknowledged.filter((p) => !byMarker.has(p.marker));
  const duplicated = [...byMarker].filter(([, found]) => found.length > 1);
  let unreadable = 0;
  for (const post of stats.acknowledged) {
    const found = byMarker.get(post.marker)?.[0];
    assert.equal(found?.key, post.key, `${post.marker} carries its key`);
    assert.equal(found?.state, 'published', `${post.marker} is published`);
    assert.equal(found?.photos, 1, `${post.marker} has its photo`);
    const [photo] = post.photos;
    const media = await fetch(`${nginx.base}/media/${photo.hash}-${photo.widths[0]}.webp`);
    const bytes = Buffer.from(await media.arrayBuffer());
    if (media.status !== 200 || bytes.subarray(8, 12).toString() !== 'WEBP') unreadable++;
  }
  const log = nginx.log().slice(stats.logFrom);
  const passed = log.filter((entry) => String(entry[4]).includes(','));
  const passedOn = passed.length;
  const kinds = new Map();
  for (const [method, uri, , , statuses] of passed) {
    const kind = `${method} ${uri.startsWith('/media/') ? '/media/…' : uri} (${statuses})`;
    kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
  }
  const fivexxUpstream = log.filter((entry) => /\b5\d\d\b/.test(String(entry[4]))).length;
  console.log(`# multi-node ${phase}: ${stats.requests} requests (${stats.pages} pages, ${stats.posts} post sends, ` +
    `${stats.logins} sign-ins) · ${stats.acknowledged.length} posts acknowledged · lost ${lost.length} · ` +
    `duplicated ${duplicated.length} · 5xx seen by clients ${stats.fivexx} · connection errors ${stats.network} · ` +
    `resent by the outbox ${stats.retries} · passed on to the other node by nginx ${passedOn} ` +
    `(5xx answers of a node behind nginx: ${fivexxUpstream}) · photos unreadable ${unreadable}`);
  if (kinds.size) console.log(`#   passed on: ${[...kinds].map(([k, n]) => `${n}× ${k}`).join(', ')}`);
  const reasons = new Map();
  for (const reason of nginx.errors().slice(stats.errorsFrom)) reasons.set(reason, (reasons.get(reason) ?? 0) + 1);
  if (reasons.size) console.log(`#   why: ${[...reasons].map(([k, n]) => `${n}× ${k}`).join(', ')}`);
  assert.deepEqual(stats.refused, [], 'no post refused');
  assert.deepEqual(stats.unsent, [], 'every post acknowledged in the end');
  assert.deepEqual(stats.otherStatus, [], 'every page and sign-in answered as expected');
  assert.ok(stats.acknowledged.length >= 10, `enough posts for the test to mean something (${stats.acknowledged.length})`);
  assert.deepEqual(lost.map((p) => p.marker), [], 'no acknowledged post lost');
  assert.deepEqual(duplicated.map(([m]) => m), [], 'no post twice');
  assert.equal(byMarker.size, stats.acknowledged.length, 'no post the clients did not see acknowledged');
  assert.equal(unreadable, 0, 'every photo readable through nginx');
  return { passedOn, fivexxUpstream };
}

/** Posts scheduled `seconds` after now (to the second, in the shop's time zone). */
async function schedule(app, marker, seconds) {
  const at = berlin(clockAt(Date.now() + seconds * 1000));
  const post = await sendPost(app, marker, 9000 + seconds, { requests: 0, posts: 0, network: 0, fivexx: 0, retries: 0, refused: [], unsent: [] },
    { publish_at: at });
  assert.equal(post?.photos.length, 1);
  const [[state]] = db.sql(`SELECT state FROM posts WHERE id = ${Number(post.id)}`);
  assert.equal(state, 'scheduled', `${marker} waits for ${at}`);
  return post;
}

test('SIGKILL of one node halfway: no acknowledged post lost or doubled, scheduled posts published once', async () => {
  const owner = await staffApp();
  // One falls due while both nodes run (both race for it), one after node A is dead.
  const early = await schedule(owner, '[scheduled-early]', 5);
  const late = await schedule(owner, '[scheduled-late]', 14);
  let killedAt = null;
  let stats;
  try {
    stats = await mixedLoad('kill', 20, [
      { after: 8, run: async () => { killedAt = Date.now(); await a.stop('SIGKILL'); } },
    ]);
  } finally {
    await a.start(); // back for the next tests
  }
  assert.ok(killedAt, 'node A was killed during the run');
  await check('kill', stats);
  for (const post of [early, late]) {
    const rows = db.sql(`SELECT state, published_at IS NOT NULL FROM posts WHERE idempotency_key = '${post.key}'`);
    assert.deepEqual(rows, [['published', 't']], `${post.marker} published, once`);
  }
  const published = a.publishedScheduled() + b.publishedScheduled();
  assert.equal(published, 2, `the nodes published 2 scheduled posts between them, not ${published}`);
});

test('what one node did, the other knows at its next request: a location change, a post\'s key', async () => {
  const page = '/sonnenschein-freiburg';
  const note = `Betriebsausflug ${randomUUID().slice(0, 8)}`;
  // Node A has the page cached (a second request is a hit).
  for (let i = 0; i < 2; i++) assert.ok(!(await (await fetch(`${a.base}${page}`)).text()).includes(note));
  const owner = new Client(b.base);
  assert.equal(await owner.login(OWNER.email, OWNER.password, b.base), '/admin');
  const saved = await owner.postForm(`/admin/locations/${location}/special`,
    { from: '2026-06-18', closed: 'on', note }, b.base);
  assert.equal(saved.status, 303, 'the closure is saved through node B');
  assert.ok((await (await fetch(`${a.base}${page}`)).text()).includes(note), 'node A shows it at once');

  // A post made on A whose answer was lost, sent again with its key to B: the same post.
  const app = new Client(a.base);
  assert.equal(await app.login(OWNER.email, OWNER.password, a.base), '/admin');
  app.token = app.cookies.get('nahbar_csrf');
  const stats = { requests: 0, posts: 0, network: 0, fivexx: 0, retries: 0, refused: [], unsent: [] };
  const first = await sendPost(app, '[replayed]', 7777, stats, { idempotency_key: 'replay-across-nodes' });
  app.base = b.base;
  const again = await sendPost(app, '[replayed]', 7777, stats, { idempotency_key: 'replay-across-nodes' });
  assert.equal(again.id, first.id, 'node B answers with the post node A made');
  assert.deepEqual(db.sql("SELECT COUNT(*) FROM posts WHERE body LIKE '[replayed]%'"), [['1']]);
});

test('SIGTERM of one node halfway: not one request fails', async () => {
  let stoppedIn = null;
  let stats;
  try {
    stats = await mixedLoad('term', 14, [
      { after: 6, run: async () => { stoppedIn = await a.stop('SIGTERM'); } },
    ]);
  } finally {
    await a.start();
  }
  assert.ok(stoppedIn !== null, 'node A was stopped during the run');
  console.log(`# node A stopped ${stoppedIn} ms after SIGTERM (finishing what it had begun); exits: ${a.exits.join(', ')}`);
  await check('term', stats);
  assert.equal(stats.fivexx, 0, 'no 5xx');
  assert.equal(stats.network, 0, 'no connection error');
  assert.equal(stats.retries, 0, 'nothing had to be sent again');
  assert.equal(a.exits.at(-1), 0, 'node A ended cleanly');
});

test('wrong passwords spread over both nodes are limited as one', async () => {
  const nodes = [a, b];
  // One account: five wrong passwords alternately on A and B, then even the right one waits.
  const guesser = new Client(a.base, { forwardedFor: '198.51.100.7' });
  for (let i = 0; i < 5; i++) {
    assert.equal(await guesser.login(OWNER.email, `wrong-${i}`, nodes[i % 2].base), '/login?error=invalid', `attempt ${i + 1}`);
  }
  assert.equal(await guesser.login(OWNER.email, 'wrong-5', b.base), '/login?error=rate', 'the sixth, on B, is refused');
  const rightful = new Client(a.base, { forwardedFor: '198.51.100.8' });
  assert.equal(await rightful.login(OWNER.email, OWNER.password, a.base), '/login?error=rate', 'the account waits on A too');
  // One address: twenty wrong passwords for twenty accounts, alternately; the 21st is refused.
  const sprayer = new Client(a.base, { forwardedFor: '198.51.100.9' });
  for (let i = 0; i < 20; i++) {
    assert.equal(await sprayer.login(`guess-${i}@example.org`, 'x', nodes[i % 2].base), '/login?error=invalid', `guess ${i + 1}`);
  }
  assert.equal(await sprayer.login('guess-20@example.org', 'x', a.base), '/login?error=rate');
  assert.equal(await sprayer.login('guess-21@example.org', 'x', b.base), '/login?error=rate');
  // Another address is not slowed down by that one.
  const other = new Client(a.base, { forwardedFor: '198.51.100.10' });
  assert.equal(await other.login('guess-22@example.org', 'x', b.base), '/login?error=invalid');
});
