// Outbox soak: POSTS posts (default 200) composed on the installed staff app, a third of
// them with a photo, while the network and the server misbehave at random:
// - connections are cut before a request reaches the server (CUT share of requests),
// - answers are lost after the server did its work (LOSE share),
// - the phone goes offline for a few seconds now and then,
// - the server is SIGKILLed and started again on the same data every KILL_EVERY seconds.
// Then everything calms down and the outbox drains. Every composed post must be in the
// database exactly once: prints lost, duplicated, out of order, and exits 1 if any is not 0.
//
//   make soak                      (200 posts)
//   cd tests && POSTS=50 node soak/outbox-soak.mjs
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { killableNahbar, startProxy, installedApp, drawPhoto, compose } from '../e2e/chaos.mjs';

const POSTS = Number(process.env.POSTS ?? 200);
const CUT = Number(process.env.CUT ?? 0.12);
const LOSE = Number(process.env.LOSE ?? 0.12);
const KILL_EVERY = Number(process.env.KILL_EVERY ?? 20) * 1000;
const SEED = Number(process.env.SEED ?? 20261125);

let seed = SEED;
function random() { // a small LCG: the same run for the same SEED
  seed = (seed * 1103515245 + 12345) % 2147483648;
  return seed / 2147483648;
}

const started = Date.now();
const run = `soak-${started.toString(36)}`;
const tmp = mkdtempSync(path.join(tmpdir(), 'nahbar-soak-'));
const server = await killableNahbar();
const proxy = await startProxy(server);
const stats = { kills: 0, offline: 0, cut: 0, lost: 0 };
let calm = false;
let offlineNow = false;

proxy.chaos = (req) => {
  if (calm) return 'pass';
  if (offlineNow) return 'cut';
  const r = random();
  if (r < CUT) { stats.cut++; return 'cut'; }
  if (r < CUT + LOSE && req.method === 'POST') { stats.lost++; return 'lose'; }
  return 'pass';
};

const { context, page } = await installedApp(proxy, 'en');
page.on('dialog', (d) => d.accept());
const photos = [];
for (let i = 0; i < 8; i++) photos.push(await drawPhoto(page, tmp, `Soak ${i}`, 900, 675));

// The server's misfortunes, on their own clock.
const killer = (async () => {
  while (!calm) {
    await new Promise((r) => setTimeout(r, KILL_EVERY * (0.5 + random())));
    if (calm) break;
    await server.kill();
    stats.kills++;
    await new Promise((r) => setTimeout(r, 500 + random() * 2500));
    await server.start();
  }
})();
const flaky = (async () => {
  while (!calm) {
    await new Promise((r) => setTimeout(r, 8000 + random() * 12000));
    if (calm) break;
    offlineNow = true;
    stats.offline++;
    await context.setOffline(true);
    await new Promise((r) => setTimeout(r, 1000 + random() * 4000));
    await context.setOffline(false);
    offlineNow = false;
  }
})();

const composed = [];
for (let i = 1; i <= POSTS; i++) {
  const text = `${run} #${String(i).padStart(3, '0')}`;
  for (let attempt = 0; ; attempt++) {
    try {
      const s0 = Date.now();
      if (new URL(page.url()).pathname !== '/admin/posts/new') {
        await page.goto(`${proxy.base}/admin/posts/new`, { timeout: 20_000 });
      }
      const s1 = Date.now();
      await page.locator('form[data-compose] textarea').waitFor({ timeout: 20_000 });
      if (process.env.VERBOSE) console.log(`  goto ${s1 - s0} ms, form ${Date.now() - s1} ms`);
      // The previous post has left the form (it is free again), and its note is cleared.
      await page.waitForFunction(() => !document.querySelector('form[data-compose] button[value="submit"]')?.hasAttribute('aria-disabled'), null, { timeout: 120_000 });
      await page.locator('[data-compose-note]').evaluate((n) => { n.textContent = ''; n.hidden = true; });
      const t0 = Date.now();
      if (process.env.VERBOSE) console.log(`  free after ${t0 - s0} ms`);
      await compose(page, text, i % 3 === 0 ? photos[i % photos.length] : undefined);
      const t1 = Date.now();
      // Either sent at once (the list opens) or kept in the outbox (the form is empty).
      await page.waitForFunction(() => location.pathname === '/admin/posts'
        || (document.querySelector('[data-compose-note]')?.textContent || '').length > 0
        || (document.querySelector('form[data-compose] [role="alert"]')?.textContent || '').length > 0,
      null, { timeout: 120_000 });
      if (process.env.VERBOSE) console.log(`  compose ${t1 - t0} ms, answer ${Date.now() - t1} ms`);
      const refused = await page.evaluate(() => document.querySelector('form[data-compose] [role="alert"]')?.textContent || '');
      if (refused && new URL(page.url()).pathname === '/admin/posts/new') throw new Error(`refused: ${refused}`);
      composed.push(text);
      break;
    } catch (error) {
      if (process.env.VERBOSE) console.log(`post ${i} attempt ${attempt}: ${error.message.split('\n')[0]} (at ${page.url()})`);
      // The page itself may not have loaded under the chaos: open compose again.
      if (attempt > 5) throw error;
      await new Promise((r) => setTimeout(r, 1000));
      await page.goto(`${proxy.base}/admin/posts/new`, { timeout: 20_000 }).catch(() => {});
    }
  }
  if (process.env.VERBOSE) console.log(`post ${i} at ${Math.round((Date.now() - started) / 1000)} s`);
  if (i % 20 === 0) console.log(`composed ${i}/${POSTS} (${Math.round((Date.now() - started) / 1000)} s)`);
}

// Calm: the network is back, the server stays up; the outbox drains.
calm = true;
await Promise.all([killer, flaky]);
await context.setOffline(false);
if (!server.child) await server.start();
await page.goto(`${proxy.base}/admin/posts/new`);
const drainStart = Date.now();
let waiting = -1;
while (Date.now() - drainStart < 300_000) {
  waiting = await page.evaluate(() => window.NahbarOutbox.sync({ force: true }).then(() => window.NahbarOutbox.all()).then((a) => a.length));
  if (waiting === 0) break;
  await new Promise((r) => setTimeout(r, 2000));
}
const refusedItems = await page.evaluate(() => window.NahbarOutbox.all().then((a) => a.filter((i) => i.state === 'refused').map((i) => i.error)));

const rows = server.query(`SELECT body, id FROM posts WHERE body LIKE '${run} #%' ORDER BY id`);
const counts = new Map();
rows.forEach(([body]) => counts.set(body, (counts.get(body) ?? 0) + 1));
const lost = composed.filter((t) => !counts.has(t)).length;
const duplicated = [...counts.values()].reduce((sum, n) => sum + (n - 1), 0);
const order = rows.map(([body]) => body);
let outOfOrder = 0;
for (let i = 1; i < order.length; i++) if (order[i] < order[i - 1]) outOfOrder++;
const photosStored = server.query(`SELECT COUNT(*) FROM post_photos f JOIN posts p ON p.id = f.post_id WHERE p.body LIKE '${run} #%'`)[0][0];
const files = server.mediaFiles();

console.log(`
outbox soak: ${composed.length} posts composed (${Math.floor(POSTS / 3)} with a photo) in ${Math.round((drainStart - started) / 1000)} s, drained in ${Math.round((Date.now() - drainStart) / 1000)} s
  faults: ${stats.kills} server kills (SIGKILL), ${stats.offline} offline spells, ${stats.cut} connections cut before the server, ${stats.lost} answers lost after it
  requests through the proxy: ${proxy.log.length}
  in the database: ${rows.length} posts, ${photosStored} photos
  lost: ${lost}   duplicated: ${duplicated}   out of composition order: ${outOfOrder}   still waiting: ${waiting}   refused: ${refusedItems.length}
  half-written media files left: ${files.partial.length}
  SEED=${SEED} POSTS=${POSTS} CUT=${CUT} LOSE=${LOSE} KILL_EVERY=${KILL_EVERY / 1000}`);
if (refusedItems.length) console.log('  refusals:', refusedItems);

await context.close();
await proxy.close();
await server.stop();
rmSync(tmp, { recursive: true, force: true });
process.exit(lost === 0 && duplicated === 0 && waiting === 0 ? 0 : 1);
