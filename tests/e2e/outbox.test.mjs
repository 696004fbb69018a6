// The offline-first staff app: whatever the network or the server does, a post composed on
// the phone arrives exactly once. The installed app (a persistent Chromium profile with the
// service worker) talks to Nahbar through a proxy that can cut connections and lose answers,
// in front of a server that can be SIGKILLed and started again on the same data. The posts
// that arrived are counted in the server's SQLite file by Python's sqlite3.
import { test, before, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { screenshot, axeViolations } from './harness.mjs';
import { killableNahbar, startProxy, postsWith, installedApp, closeInstalledApps, drawPhoto, compose } from './chaos.mjs';

let server; let proxy; let tmp;
before(async () => {
  server = await killableNahbar();
  proxy = await startProxy(server);
  tmp = mkdtempSync(path.join(tmpdir(), 'nahbar-outbox-'));
});
beforeEach(() => { proxy.chaos = null; }); // a failed test leaves no fault behind
after(async () => {
  await closeInstalledApps();
  await proxy?.close();
  await server?.stop();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

const isPost = (path) => (req) => req.method === 'POST' && req.url.split('?')[0] === path;

function outbox(page) {
  return page.locator('section[data-outbox]');
}

/** Cuts the phone off: the browser goes offline and the proxy drops whatever still comes. */
async function offline(context, on) {
  proxy.chaos = on ? () => 'cut' : null;
  await context.setOffline(on);
}

async function waitForPosts(marker, count, timeout = 60_000) {
  const start = Date.now();
  let found = [];
  while (Date.now() - start < timeout) {
    found = postsWith(server, marker);
    if (found.length >= count) return found;
    await new Promise((r) => setTimeout(r, 250));
  }
  return found;
}

test('offline: the post waits in the outbox, survives a reload, and arrives once when the phone is back online', async () => {
  const { context, page } = await installedApp(proxy, 'en');
  const photo = await drawPhoto(page, tmp, 'Zimtschnecken');
  await offline(context, true);
  await page.goto(`${proxy.base}/admin/posts/new`);
  assert.equal(await page.locator('h1').innerText(), 'New post', 'compose opens from the cache');
  const marker = 'Frische Zimtschnecken #offline';
  await compose(page, marker, photo);
  await page.getByText('Saved in the outbox.').waitFor();
  assert.equal(await outbox(page).getByRole('status').first().innerText(), '1 post waiting for connection');
  assert.equal(await page.locator('form[data-compose] textarea').inputValue(), '', 'the form is free for the next post');
  assert.equal(await page.locator('ol[data-photo-list] > li').count(), 0);
  await screenshot(page, 'outbox-waiting-en');
  assert.deepEqual(await axeViolations(page), []);

  await page.reload();
  await outbox(page).getByText(marker, { exact: true }).waitFor();
  assert.equal(await outbox(page).getByRole('status').first().innerText(), '1 post waiting for connection');
  assert.equal(await outbox(page).locator('li img').count(), 1, 'its photo is kept on the phone');
  assert.equal(postsWith(server, marker).length, 0);

  await offline(context, false);
  await outbox(page).getByText('1 post from the outbox has arrived.').waitFor({ timeout: 60_000 });
  await screenshot(page, 'outbox-sent-en');
  const posts = await waitForPosts(marker, 1);
  await new Promise((r) => setTimeout(r, 1500)); // a second sync (background sync) changes nothing
  assert.equal(postsWith(server, marker).length, 1, 'exactly one post');
  assert.equal(posts[0][3], 1, 'with its photo');
  await context.close();
});

test('the answer is lost after the server committed the post: the retry finds it, one post', async () => {
  const { context, page } = await installedApp(proxy, 'en');
  await page.goto(`${proxy.base}/admin/posts/new`);
  const marker = 'Brezeln im Angebot #lost-answer';
  proxy.loseAnswer(isPost('/admin/posts'));
  const photo = await drawPhoto(page, tmp, 'Brezel');
  const before = proxy.log.length;
  await compose(page, marker, photo);
  await outbox(page).getByText('1 post from the outbox has arrived.').waitFor({ timeout: 60_000 });
  const creates = proxy.log.slice(before).filter(([m, p]) => m === 'POST' && p === '/admin/posts');
  assert.deepEqual(creates.map((c) => c[2]), ['lost', 200], 'committed, answer lost, then the replay');
  const uploads = proxy.log.slice(before).filter(([m, p]) => m === 'POST' && p === '/admin/media');
  assert.equal(uploads.length, 1, 'the photo went up once');
  assert.equal(postsWith(server, marker).length, 1, 'exactly one post');
  await context.close();
});

test('the server is SIGKILLed in the middle of a photo upload and started again: one post, no half-written file served', async () => {
  const { context, page } = await installedApp(proxy, 'de');
  await page.goto(`${proxy.base}/admin/posts/new`);
  const marker = 'Neue Torten im Schaufenster #killed';
  const photo = await drawPhoto(page, tmp, 'Torte', 2000, 1500);
  const size = statSync(photo).size;
  proxy.slowUpload(isPost('/admin/media'), size / 4); // four seconds for the upload
  const halfway = proxy.uploaded(isPost('/admin/media'), size / 2);
  await compose(page, marker, photo);
  await halfway;
  await server.kill();
  await outbox(page).getByText('1 Beitrag wartet auf Verbindung').waitFor({ timeout: 30_000 });
  await screenshot(page, 'outbox-retry-de');
  await server.start();
  await outbox(page).getByRole('button', { name: 'Jetzt senden' }).click();
  await outbox(page).getByText('1 Beitrag aus dem Postausgang ist angekommen.').waitFor({ timeout: 60_000 });
  const posts = await waitForPosts(marker, 1);
  assert.equal(posts.length, 1, 'exactly one post');
  assert.equal(posts[0][3], 1, 'with its photo');
  const files = server.mediaFiles();
  assert.deepEqual(files.partial, [], 'nothing half-written is left');
  for (const name of files.served) {
    assert.match(name, /^[0-9a-f]{32}-\d+\.(webp|jpg)$/);
    const response = await fetch(`${proxy.base}/media/${name}`);
    assert.equal(response.status, 200);
    assert.ok((await response.arrayBuffer()).byteLength > 100);
  }
  await context.close();
});

test('20 posts with photos composed offline arrive, each once, in the order they were written', async () => {
  const { context, page } = await installedApp(proxy, 'en');
  const photos = [];
  for (let i = 1; i <= 20; i++) photos.push(await drawPhoto(page, tmp, `Nr ${i}`, 800, 600));
  await offline(context, true);
  await page.goto(`${proxy.base}/admin/posts/new`);
  for (let i = 1; i <= 20; i++) {
    await compose(page, `Tagesangebot ${String(i).padStart(2, '0')} #twenty`, photos[i - 1]);
    await page.getByText('Saved in the outbox.').waitFor();
    await page.locator('[data-compose-note]').evaluate((n) => { n.hidden = true; n.textContent = ''; });
  }
  assert.equal(await outbox(page).getByRole('status').first().innerText(), '20 posts waiting for connection');
  await screenshot(page, 'outbox-twenty-en');
  await offline(context, false);
  await outbox(page).getByText('20 posts from the outbox have arrived.').waitFor({ timeout: 120_000 });
  const posts = await waitForPosts('#twenty', 20);
  assert.equal(posts.length, 20, 'each once');
  assert.deepEqual(posts.map((p) => p[1]), photos.map((_, i) => `Tagesangebot ${String(i + 1).padStart(2, '0')} #twenty`), 'in composition order');
  assert.ok(posts.every((p) => p[3] === 1), 'each with its photo');
  await context.close();
});

/** Posts `files` to the share target as the phone's share sheet does (a navigation). */
async function share(page, text, files) {
  await page.evaluate(([text, files]) => {
    const form = document.createElement('form');
    form.method = 'post';
    form.action = '/admin/share';
    form.enctype = 'multipart/form-data';
    const t = document.createElement('input');
    t.type = 'hidden'; t.name = 'text'; t.value = text;
    const input = document.createElement('input');
    input.type = 'file'; input.name = 'photos'; input.multiple = true;
    const transfer = new DataTransfer();
    files.forEach(([name, base64]) => {
      const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
      transfer.items.add(new File([bytes], name, { type: 'image/jpeg' }));
    });
    input.files = transfer.files;
    form.append(t, input);
    document.body.append(form);
    form.submit();
  }, [text, files]);
}

test('sharing photos to the installed app opens compose with them attached, also offline', async () => {
  const { context, page } = await installedApp(proxy, 'en');
  const { readFileSync } = await import('node:fs');
  const one = readFileSync(await drawPhoto(page, tmp, 'Geteilt 1', 640, 480)).toString('base64');
  const two = readFileSync(await drawPhoto(page, tmp, 'Geteilt 2', 640, 480)).toString('base64');
  await offline(context, true);
  const before = proxy.log.length;
  await share(page, 'Neu im Laden', [['a.jpg', one], ['b.jpg', two]]);
  await page.waitForURL(/\/admin\/posts\/new\?shared=\d+$/);
  await page.locator('ol[data-photo-list] > li').nth(1).waitFor();
  assert.equal(await page.locator('form[data-compose] textarea').inputValue(), 'Neu im Laden');
  // The worker may still be finishing its start-up fetches of the staff screens (GETs it
  // began before the phone went offline); what must not reach the server is the share.
  const sent = proxy.log.slice(before).filter(([m, p]) => m !== 'GET' || p.startsWith('/admin/share') || p.startsWith('/media'));
  assert.deepEqual(sent, [], 'nothing went to the server: the service worker kept the photos');
  await screenshot(page, 'share-target-en');
  await page.locator('form[data-compose]').getByRole('button', { name: 'Post', exact: true }).click();
  await page.getByText('Saved in the outbox.').waitFor();
  await offline(context, false);
  await outbox(page).getByText('1 post from the outbox has arrived.').waitFor({ timeout: 60_000 });
  const posts = await waitForPosts('Neu im Laden', 1);
  assert.equal(posts.length, 1);
  assert.equal(posts[0][3], 2, 'both shared photos');
  await context.close();
});

test('the installed app opens offline from its start URL, with compose and the outbox working', async () => {
  const { context, page } = await installedApp(proxy, 'de');
  await offline(context, true);
  await page.goto(`${proxy.base}/admin?source=pwa`); // the manifest's start_url
  assert.equal(await page.locator('h1').innerText(), 'Übersicht');
  await page.goto(`${proxy.base}/admin/posts`);
  assert.equal(await page.locator('h1').innerText(), 'Beiträge');
  await page.goto(`${proxy.base}/admin/posts/new`);
  assert.equal(await page.locator('h1').innerText(), 'Neuer Beitrag');
  const marker = 'Heute Ruhetag wegen Inventur #start-offline';
  await compose(page, marker);
  await page.getByText('Im Postausgang gespeichert.').waitFor();
  await screenshot(page, 'outbox-waiting-de');
  assert.deepEqual(await axeViolations(page), []);
  // Edit it while it waits: the change is what arrives.
  await outbox(page).getByRole('link', { name: /^Bearbeiten/ }).click();
  await page.getByText('Du bearbeitest einen Beitrag aus dem Postausgang.').waitFor();
  const text = page.locator('form[data-compose] textarea');
  assert.equal(await text.inputValue(), marker);
  await text.fill(`${marker} (korrigiert)`);
  await page.locator('form[data-compose]').getByRole('button', { name: 'Änderungen speichern und senden' }).click();
  await page.getByText('Im Postausgang gespeichert.').waitFor();
  assert.equal(await outbox(page).getByRole('status').first().innerText(), '1 Beitrag wartet auf Verbindung', 'still one');
  await offline(context, false);
  await outbox(page).getByText('1 Beitrag aus dem Postausgang ist angekommen.').waitFor({ timeout: 60_000 });
  const posts = await waitForPosts(marker, 1);
  assert.deepEqual(posts.map((p) => p[1]), [`${marker} (korrigiert)`]);
  await context.close();
});

test('with no Nahbar page open, Background Sync sends the waiting post when the connection returns', async () => {
  const { context, page } = await installedApp(proxy, 'en');
  await offline(context, true);
  await page.goto(`${proxy.base}/admin/posts/new`);
  const marker = 'Frisch aus dem Ofen #background-sync';
  await compose(page, marker);
  await page.getByText('Saved in the outbox.').waitFor();
  const blank = await context.newPage(); // keeps the browser running without a Nahbar page
  await blank.goto('about:blank');
  await page.close();
  await offline(context, false);
  const posts = await waitForPosts(marker, 1, 60_000);
  assert.equal(posts.length, 1, 'sent by the service worker alone');
  await blank.goto(`${proxy.base}/admin/posts/new`);
  // The outbox (drawn by outbox.js once the page has loaded) reports what arrived meanwhile.
  await outbox(blank).getByText('1 post from the outbox has arrived.').waitFor();
  assert.equal(await outbox(blank).isVisible(), true, 'the outbox reports it arrived');
  assert.equal(postsWith(server, marker).length, 1);
  await context.close();
});
