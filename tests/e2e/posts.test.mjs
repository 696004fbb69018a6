// Posting from a phone: the owner takes a phone-sized photo, the compose script makes it
// smaller on the device, uploads it with progress, adds the place (snapped to a POI) and
// posts; customers see it in the local page's news with responsive images. Also: the kind's
// date fields, photo order, errors that lose nothing (an unreadable file, a validation
// error, an answer lost on the way and the idempotent retry), the form without JavaScript
// (German), choosing the place without a device position, and axe-core on the compose
// and list screens.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startNahbar, launchBrowser, phoneContext, screenshot, signIn, axeViolations } from './harness.mjs';

// The Freiburg shop's "Stufenloser Eingang" POI, as the phone reports it.
const ENTRANCE = { latitude: 47.99515, longitude: 7.85499, accuracy: 8 };
const AT_ENTRANCE = 'Bäckerei Sonnenschein Freiburg, Stufenloser Eingang';

let nahbar; let browser; let owner; let tmp; let photo; let smallPhoto; let notAPhoto;
before(async () => {
  nahbar = await startNahbar();
  browser = await launchBrowser();
  // Sign in once: the server allows five sign-ins per account and minute.
  const context = await phoneContext(browser);
  const page = await context.newPage();
  await signIn(page, nahbar.base);
  owner = await context.storageState();
  tmp = mkdtempSync(path.join(tmpdir(), 'nahbar-photos-'));
  photo = path.join(tmp, 'IMG_20240501_071502.jpg');
  smallPhoto = path.join(tmp, 'schild.png');
  writeFileSync(photo, await drawPhoto(page, 4032, 3024, 'image/jpeg', 0.92));
  writeFileSync(smallPhoto, await drawPhoto(page, 600, 400, 'image/png', undefined, 160));
  notAPhoto = path.join(tmp, 'notes.jpg');
  writeFileSync(notAPhoto, 'Einkaufsliste: Mehl, Salz, Hefe\n');
  await context.close();
});
after(async () => {
  await browser?.close();
  await nahbar?.stop();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

/** A photo-like picture drawn in the browser (gradients and grain, so it does not
 *  compress to nothing), as the bytes of a file of `type`. */
async function drawPhoto(page, width, height, type, quality, hue = 0) {
  const base64 = await page.evaluate(async ([w, h, type, quality, hue]) => {
    const canvas = document.createElement('canvas');
    canvas.width = w; canvas.height = h;
    const ctx = canvas.getContext('2d');
    const sky = ctx.createLinearGradient(0, 0, w, h);
    sky.addColorStop(0, '#f6c66b'); sky.addColorStop(0.5, '#b5642b'); sky.addColorStop(1, '#3d2314');
    ctx.fillStyle = sky; ctx.fillRect(0, 0, w, h);
    ctx.filter = `hue-rotate(${hue}deg)`;
    for (let i = 0; i < 60; i++) { // "pretzels": soft blobs
      const x = ((i * 7919) % 97) / 97 * w; const y = ((i * 104729) % 89) / 89 * h; const r = w / 25 + (i % 7) * w / 80;
      const blob = ctx.createRadialGradient(x, y, 0, x, y, r);
      blob.addColorStop(0, `hsla(${20 + (i * 13) % 30}, 70%, ${30 + (i % 5) * 8}%, 0.9)`);
      blob.addColorStop(1, 'hsla(30, 60%, 40%, 0)');
      ctx.fillStyle = blob; ctx.fillRect(x - r, y - r, 2 * r, 2 * r);
    }
    ctx.filter = 'none';
    const image = ctx.getImageData(0, 0, w, h); // sensor grain
    let seed = 42;
    for (let i = 0; i < image.data.length; i += 4) {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      const n = (seed % 25) - 12;
      image.data[i] += n; image.data[i + 1] += n; image.data[i + 2] += n;
    }
    ctx.putImageData(image, 0, 0);
    const blob = await new Promise((resolve) => canvas.toBlob(resolve, type, quality));
    const bytes = new Uint8Array(await blob.arrayBuffer());
    let binary = '';
    for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
    return btoa(binary);
  }, [width, height, type, quality, hue]);
  return Buffer.from(base64, 'base64');
}

/** A phone context with the owner's session. */
function ownerContext(options) {
  return phoneContext(browser, { ...options, storageState: owner });
}

/** A signed-in phone context whose device stands at the shop's step-free entrance. */
async function composer(locale, options = {}) {
  const context = await ownerContext({ locale, ...options });
  await context.grantPermissions(['geolocation'], { origin: nahbar.base });
  await context.setGeolocation(ENTRANCE);
  return context;
}

/** The page's JSON posts to `pathname` (photo uploads, new posts): the request body size,
 *  headers and the server's answer, read on the way through (the page navigates away).
 *  Set `loseNextAnswer` to let the server handle the next one but cut the connection
 *  before its answer reaches the phone. */
async function recordPosts(page, pathname) {
  const seen = [];
  await page.route((url) => url.pathname === pathname, async (route) => {
    const request = route.request();
    if (request.method() !== 'POST') return route.continue();
    const response = await route.fetch();
    const body = await response.body();
    seen.push({
      status: response.status(),
      bodyBytes: request.postDataBuffer()?.length ?? 0,
      contentType: request.headers()['content-type'],
      accept: request.headers().accept,
      csrf: request.headers()['x-csrf-token'],
      answer: JSON.parse(body.toString('utf8')),
      lost: seen.loseNextAnswer,
    });
    if (seen.loseNextAnswer) {
      seen.loseNextAnswer = false;
      return route.abort('connectionreset');
    }
    await route.fulfill({ response, body });
  });
  return seen;
}

/** Photo uploads as they go over the (untouched) network: body size and the answer. */
function watchUploads(page) {
  const seen = [];
  page.on('response', (response) => {
    const request = response.request();
    if (request.method() !== 'POST' || new URL(request.url()).pathname !== '/admin/media') return;
    seen.push((async () => ({
      status: response.status(),
      answer: await response.json(),
      bodyBytes: (await request.sizes()).requestBodySize,
      contentType: request.headers()['content-type'],
      csrf: request.headers()['x-csrf-token'],
    }))());
  });
  return seen;
}

/** A phone on a slow uplink (about 2 Mbit/s), so the upload takes a moment. */
async function slowUplink(page) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false, latency: 40, downloadThroughput: 2_000_000 / 8, uploadThroughput: 2_000_000 / 8,
  });
}

/** The texts the upload status showed while the post was being sent. */
async function recordStatus(page) {
  const seen = [];
  await page.exposeFunction('nahbarStatusSeen', (text) => seen.push(text));
  await page.evaluate(() => {
    const status = document.querySelector('[data-upload-status]');
    new MutationObserver(() => window.nahbarStatusSeen(status.textContent))
      .observe(status, { childList: true, characterData: true, subtree: true });
  });
  return seen;
}

async function toBottom(page) {
  await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
}

function photoItems(page) {
  return page.locator('ol[data-photo-list] > li');
}

async function createdId(page) {
  await page.waitForURL(/\/admin\/posts\?created=\d+$/, { timeout: 120_000 });
  return Number(new URL(page.url()).searchParams.get('created'));
}

test('the owner posts a phone photo in English: made smaller on the device, placed at the POI, shown on the local page', async () => {
  const context = await composer('en');
  const page = await context.newPage();
  const watched = watchUploads(page);
  const creates = await recordPosts(page, '/admin/posts');
  await page.goto(`${nahbar.base}/admin/posts/new`);
  assert.equal(await page.locator('h1').innerText(), 'New post');
  const form = page.locator('form[data-compose]');
  assert.match(await form.locator('input[data-idempotency]').inputValue(), /^[0-9a-f-]{32,36}$/, 'an idempotency key');

  // The place: the device stands at the entrance, which is snapped to the POI.
  const geotag = form.locator('[data-geotag]');
  await geotag.locator('[data-geotag-text]').filter({ hasText: `at ${AT_ENTRANCE} (±8 m)` }).waitFor();
  assert.equal(await geotag.isVisible(), true);
  assert.deepEqual(await geotag.locator('input[type="hidden"]').evaluateAll((inputs) => inputs.map((i) => `${i.name}=${i.value}`)),
    ['lat=47.995150', 'lon=7.854990', 'accuracy=8']);

  // A photo as a phone takes it: 4032 × 3024, a few MB.
  const original = statSync(photo).size;
  assert.ok(original > 1_500_000, `the test photo has ${original} bytes`);
  await form.getByLabel('Photos').setInputFiles(photo);
  await photoItems(page).first().waitFor();
  assert.equal(await photoItems(page).count(), 1);
  assert.equal(await form.getByLabel('Photos').evaluate((input) => input.files.length), 0, 'the raw file is not posted as well');
  const thumb = photoItems(page).first().locator('img');
  assert.match(await thumb.getAttribute('src'), /^blob:/);
  assert.equal(await thumb.getAttribute('alt'), '');
  await page.waitForFunction((img) => img.complete && img.naturalWidth > 0, await thumb.elementHandle());
  assert.equal(await form.getByRole('button', { name: 'Remove 1', exact: true }).count(), 1);
  assert.equal(await form.getByRole('button', { name: /^Move forward/ }).count(), 0, 'the first photo cannot move forward');

  await form.getByLabel('Text', { exact: true }).fill('Frische Brezeln\nNoch warm aus dem Ofen.');
  const alt = 'Ein Blech mit frischen Laugenbrezeln auf der Ladentheke';
  await form.getByLabel('Photo description (for screen readers) 1').fill(alt);
  assert.equal(await form.locator('[data-for-kind="offer"]').isVisible(), false, 'an update has no offer date');
  assert.equal(await form.locator('[data-for-kind="event"]').isVisible(), false, 'an update has no event times');
  await toBottom(page); // the sticky buttons in their place for the full-page shot
  await screenshot(page, 'compose-en');

  const usedKey = await form.locator('input[data-idempotency]').inputValue();
  const statuses = await recordStatus(page);
  await slowUplink(page);
  await form.getByRole('button', { name: 'Post', exact: true }).click();
  const id = await createdId(page);
  const uploads = await Promise.all(watched);
  assert.equal(creates.length, 1);
  const { answer: body, status, accept, csrf } = creates[0];
  assert.equal(status, 201);
  assert.equal(accept, 'application/json');
  assert.equal(csrf, uploads[0].csrf, 'the post carries the same CSRF header');
  assert.equal(body.id, id);
  assert.equal(body.state, 'published');

  // What went over the network: one upload, a fraction of the original.
  const [upload] = uploads;
  assert.equal(uploads.length, 1);
  assert.equal(upload.status, 201);
  assert.match(upload.contentType, /^multipart\/form-data/);
  assert.ok(upload.csrf && upload.csrf.length >= 32, 'the upload carries the CSRF header');
  assert.deepEqual([upload.answer.width, upload.answer.height], [2048, 1536], 'downscaled to 2048 px on the long edge');
  console.log(`photo: original ${original} bytes (4032×3024), uploaded ${upload.bodyBytes} bytes (2048×1536, multipart body), ${(100 * upload.bodyBytes / original).toFixed(1)} %`);
  assert.ok(upload.bodyBytes < original / 3, `uploaded ${upload.bodyBytes} bytes of ${original}`);
  const percents = statuses.map((s) => s.match(/^Uploading photo 1 of 1: (\d{1,3}) %$/)?.[1]).filter(Boolean).map(Number);
  assert.ok(percents.length >= 3 && percents[0] === 0 && percents.at(-1) === 100, `upload status: ${JSON.stringify(statuses)}`);
  assert.deepEqual(percents, [...percents].sort((a, b) => a - b), 'progress only goes up');
  assert.deepEqual(body.post.photos.map((p) => [p.hash, p.alt]), [[upload.answer.hash, alt]]);

  // The list: the new post, published (the owner needs no approval).
  await page.getByRole('status').filter({ hasText: 'Post saved.' }).waitFor();
  const card = page.locator(`#post-${id}`);
  assert.equal(await card.locator('.state').innerText(), 'Published');
  assert.equal(await card.locator('strong').innerText(), 'Frische Brezeln');
  assert.equal(await card.locator('img.thumb').getAttribute('src'), `/media/${upload.answer.hash}-400.jpg`);
  await screenshot(page, 'posts-list-en');

  // Back to the form: a new idempotency key (else the next post would be taken for a
  // repeat of this one) and no photos; the browser may restore the typed text.
  await page.goBack();
  await page.waitForURL(`${nahbar.base}/admin/posts/new`);
  await form.locator('[data-geotag-text]').filter({ hasText: AT_ENTRANCE }).waitFor();
  const key = await form.locator('input[data-idempotency]').inputValue();
  assert.notEqual(key, usedKey);
  assert.equal(await photoItems(page).count(), 0);
  await context.close();

  // Customers: the local page's news (no script on customer pages).
  const customer = await phoneContext(browser, { locale: 'en' });
  const local = await customer.newPage();
  await local.goto(`${nahbar.base}/sonnenschein-freiburg`);
  const news = local.locator('section.news');
  assert.equal(await news.locator('h2').innerText(), 'News');
  const article = news.locator('article.post').filter({ has: local.locator('h3', { hasText: 'Frische Brezeln' }) });
  assert.equal(await article.count(), 1);
  assert.equal(await article.locator('h3 a').getAttribute('href'), `/sonnenschein-freiburg/posts/${id}`);
  assert.equal(await article.locator('.post-text').innerText(), 'Noch warm aus dem Ofen.');
  assert.match(await article.locator('.post-meta').innerText(), new RegExp(`at ${AT_ENTRANCE}$`));
  const source = article.locator('picture source');
  assert.equal(await source.getAttribute('type'), 'image/webp');
  assert.match(await source.getAttribute('srcset'), new RegExp(`^/media/${upload.answer.hash}-400\\.webp 400w, .*-1600\\.webp 1600w$`));
  const img = article.locator('picture img');
  assert.equal(await img.getAttribute('alt'), alt);
  assert.equal(await img.getAttribute('src'), `/media/${upload.answer.hash}-800.jpg`);
  assert.equal(await img.getAttribute('loading'), 'lazy');
  await img.scrollIntoViewIfNeeded();
  await local.waitForFunction((el) => el.complete && el.naturalWidth > 0, await img.elementHandle());
  const loaded = await img.evaluate((el) => el.currentSrc);
  assert.match(loaded, new RegExp(`/media/${upload.answer.hash}-\\d+\\.webp$`), 'the browser picks the WebP');
  for (const src of [await img.getAttribute('src'), new URL(loaded).pathname]) {
    const response = await customer.request.get(`${nahbar.base}${src}`);
    assert.equal(response.status(), 200, src);
    assert.equal(response.headers()['content-type'], src.endsWith('.jpg') ? 'image/jpeg' : 'image/webp');
    assert.match(response.headers()['cache-control'], /immutable/);
  }
  const box = await img.boundingBox();
  assert.ok(box.width <= 390, `the photo fits the phone (${box.width} px wide)`);
  await screenshot(local, 'local-page-post-en');

  // The post's own page, with its Open Graph image.
  await article.locator('h3 a').click();
  await local.waitForURL(`${nahbar.base}/sonnenschein-freiburg/posts/${id}`);
  assert.equal(await local.locator('h1').innerText(), 'Frische Brezeln');
  const ogImage = await local.locator('meta[property="og:image"]').getAttribute('content');
  assert.match(ogImage, new RegExp(`/media/${upload.answer.hash}-1600\\.jpg$`));
  assert.equal(await local.locator('meta[property="og:image:alt"]').getAttribute('content'), alt);
  const og = await customer.request.get(`${nahbar.base}${new URL(ogImage).pathname}`);
  assert.equal(og.status(), 200);
  assert.equal(og.headers()['content-type'], 'image/jpeg');
  await customer.close();
});

test('kinds, photo order, the place, and errors that lose nothing: an unreadable file, a validation error, a lost answer', async () => {
  // Without the service worker, so every request (also the outbox's retry) is the page's.
  const context = await composer('en', { serviceWorkers: 'block' });
  const page = await context.newPage();
  const uploads = await recordPosts(page, '/admin/media');
  const creates = await recordPosts(page, '/admin/posts');
  await page.goto(`${nahbar.base}/admin/posts/new`);
  const form = page.locator('form[data-compose]');
  const visible = async () => ({
    offer: await form.getByLabel('Valid until').isVisible(),
    starts: await form.getByLabel('Starts').isVisible(),
    ends: await form.getByLabel('Ends').isVisible(),
  });
  assert.deepEqual(await visible(), { offer: false, starts: false, ends: false });
  await form.getByLabel('Offer', { exact: true }).check();
  assert.deepEqual(await visible(), { offer: true, starts: false, ends: false });
  await form.getByLabel('Event', { exact: true }).check();
  assert.deepEqual(await visible(), { offer: false, starts: true, ends: true });
  await form.getByLabel('Update', { exact: true }).check();
  assert.deepEqual(await visible(), { offer: false, starts: false, ends: false });
  await form.getByLabel('Event', { exact: true }).check();

  // The place follows the chosen location: Leipzig has nothing near the Freiburg entrance.
  const place = form.locator('[data-geotag-text]');
  await place.filter({ hasText: `at ${AT_ENTRANCE} (±8 m)` }).waitFor();
  await form.getByLabel('Location').selectOption({ label: 'Café Sonnenschein Leipzig' });
  assert.equal(await place.innerText(), '47.995150, 7.854990 (±8 m)');
  await form.getByLabel('Location').selectOption({ label: 'Bäckerei Sonnenschein Freiburg' });
  assert.equal(await place.innerText(), `at ${AT_ENTRANCE} (±8 m)`);
  // … can be changed to another place of the location, and back to the device position …
  const change = form.getByLabel('Change place');
  const hiddenValues = () => form.locator('[data-geotag] input[type="hidden"]').evaluateAll((inputs) => inputs.map((i) => i.value));
  assert.equal((await change.locator('option').allInnerTexts())[0], 'My position (±8 m)');
  await change.selectOption({ label: 'Bäckerei Sonnenschein Freiburg, Kundenparkplatz im Hof' });
  assert.equal(await place.innerText(), 'at Bäckerei Sonnenschein Freiburg, Kundenparkplatz im Hof');
  assert.equal((await hiddenValues())[2], '0', 'a chosen place has accuracy 0');
  await change.selectOption({ label: 'My position (±8 m)' });
  assert.equal(await place.innerText(), `at ${AT_ENTRANCE} (±8 m)`);
  assert.deepEqual(await hiddenValues(), ['47.995150', '7.854990', '8']);
  // … and can be left out.
  await form.getByRole('button', { name: 'Remove place' }).click();
  assert.equal(await place.innerText(), 'No place');
  assert.equal(await change.inputValue(), '', '"Change place" is reset');
  assert.equal((await change.locator('option').allInnerTexts())[0], 'No place');
  assert.deepEqual(await form.locator('[data-geotag] input[type="hidden"]').evaluateAll((inputs) => inputs.map((i) => i.value)), ['', '', '']);
  assert.equal(await form.getByRole('button', { name: 'Remove place' }).isVisible(), false);

  // Three files, picked one after the other; the second (a small PNG) is moved forward.
  await form.getByLabel('Photos').setInputFiles(photo);
  await photoItems(page).first().waitFor();
  await form.getByLabel('Photos').setInputFiles(smallPhoto);
  await photoItems(page).nth(1).waitFor();
  await form.getByLabel('Photos').setInputFiles(notAPhoto);
  await photoItems(page).nth(2).waitFor();
  await form.getByLabel('Photo description (for screen readers) 1').fill('Brezeln');
  await form.getByLabel('Photo description (for screen readers) 2').fill('Schild am Eingang');
  await form.getByRole('button', { name: 'Move forward 2', exact: true }).focus();
  await page.keyboard.press('Enter');
  assert.equal(await form.getByLabel('Photo description (for screen readers) 1').inputValue(), 'Schild am Eingang');
  assert.equal(await form.getByLabel('Photo description (for screen readers) 2').inputValue(), 'Brezeln');
  assert.equal(await page.evaluate(() => document.activeElement.textContent), 'Remove 1', 'focus stays with the moved photo');

  const text = 'Brezel-Backkurs\nFür Kinder ab 8 Jahren.';
  await form.getByLabel('Text', { exact: true }).fill(text);
  await form.getByLabel('Starts').fill('2030-05-01T18:00');
  await form.getByLabel('Ends').fill('2030-05-01T17:00');
  const post = form.getByRole('button', { name: 'Post', exact: true });
  const problem = form.getByRole('alert');

  // 1. The file that is no photo: the server's reason; nothing is posted. The message is
  // shown on screen, not hidden behind the sticky buttons, wherever the page was scrolled.
  await page.evaluate(() => window.scrollTo(0, 0));
  await post.click();
  await problem.filter({ hasText: 'This is not a photo Nahbar can read. Please upload a JPEG, PNG or WebP image.' }).waitFor({ timeout: 120_000 });
  assert.equal(await problem.evaluate((el) => {
    const box = el.getBoundingClientRect();
    const onTop = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
    return box.top >= 0 && box.bottom <= window.innerHeight && el.contains(onTop);
  }), true, 'the message can be seen');
  // The phone photo may be on the server already (the first test posted the same bytes after
  // downscaling): the outbox asks first and then does not upload it again.
  const before = uploads.length;
  assert.ok([2, 3].includes(before), `uploads: ${uploads.map((u) => u.status)}`);
  assert.deepEqual(uploads.map((u) => u.status), before === 3 ? [201, 201, 415] : [201, 415]);
  assert.equal(creates.length, 0);
  assert.equal(await photoItems(page).count(), 3);
  await form.getByRole('button', { name: 'Remove 3', exact: true }).focus();
  await page.keyboard.press('Enter');
  assert.equal(await photoItems(page).count(), 2);
  assert.equal(await page.evaluate(() => document.activeElement.textContent), 'Remove 2', 'focus moves to the photo before');

  // 2. The end before the start: the server's message; everything stays as it was.
  await post.click();
  await problem.filter({ hasText: 'An event needs a start, and its end must be after the start.' }).waitFor({ timeout: 120_000 });
  assert.equal(new URL(page.url()).pathname, '/admin/posts/new', 'still on the form');
  // The outbox keeps the refused post with the reason; the form edits it.
  await page.locator('section[data-outbox] .outbox-state.problem', { hasText: 'Not sent: An event needs a start' }).waitFor();
  await page.evaluate(() => window.scrollTo(0, 0));
  await screenshot(page, 'outbox-refused-en');
  assert.equal(await form.getByLabel('Text', { exact: true }).inputValue(), text);
  assert.equal(await photoItems(page).count(), 2);
  assert.equal(await form.getByLabel('Photo description (for screen readers) 1').inputValue(), 'Schild am Eingang');
  assert.equal(await form.getByLabel('Event', { exact: true }).isChecked(), true);
  assert.equal(await post.getAttribute('aria-disabled'), null, 'the buttons work again');
  assert.equal(await problem.evaluate((el) => el.nextElementSibling.classList.contains('actions')), true, 'the message sits above the buttons');
  assert.equal(uploads.length, before, 'the photos already on the server are not uploaded again');
  assert.deepEqual(creates.map((c) => c.status), [422]);

  // 3. Fixed, but the answer is lost on the way: the post waits in the outbox (the form is
  // free again, nothing is lost), and the outbox's retry is recognised by the server (same
  // idempotency key) instead of making a second post.
  await form.getByLabel('Ends').fill('2030-05-01T20:00');
  creates.loseNextAnswer = true;
  await post.click();
  await page.getByText('Saved in the outbox.').waitFor();
  assert.equal(await photoItems(page).count(), 0, 'the form is free for the next post');
  await screenshot(page, 'compose-offline-en');
  await page.locator('section[data-outbox]').getByText('1 post from the outbox has arrived.').waitFor({ timeout: 60_000 });
  assert.deepEqual(creates.map((c) => [c.status, c.lost, c.answer.replayed]), [[422, undefined, undefined], [201, true, false], [200, false, true]]);
  assert.equal(creates[2].answer.id, creates[1].answer.id, 'one post');
  assert.equal(uploads.length, before, 'no photo was uploaded again');
  const body = creates[2].answer;
  const small = uploads.find((u) => u.status === 201 && u.answer.width === 600);
  assert.deepEqual([small.answer.width, small.answer.height], [600, 400]);
  assert.deepEqual(body.post.photos.map((p) => [p.width, p.height, p.alt]), [[600, 400, 'Schild am Eingang'], [2048, 1536, 'Brezeln']]);
  assert.equal(body.post.photos[0].hash, small.answer.hash);
  assert.equal(body.post.kind, 'event');
  assert.equal(body.post.geotag, null, 'the place was removed');
  await page.goto(`${nahbar.base}/admin/posts`);
  assert.equal(await page.locator(`#post-${body.id} .state`).innerText(), 'Published');
  assert.equal(await page.locator('ul.posts strong', { hasText: 'Brezel-Backkurs' }).count(), 1, 'listed once');
  await context.close();
});

test('without JavaScript the form still posts a photo (German)', async () => {
  const context = await ownerContext({ locale: 'de-DE', javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(`${nahbar.base}/admin/posts/new`);
  const form = page.locator('form[data-compose]');
  assert.equal(await page.locator('h1').innerText(), 'Neuer Beitrag');
  assert.equal(await form.locator('[data-geotag]').isVisible(), false, 'no position without the script');
  await form.getByLabel('Fotos').setInputFiles(photo);
  await form.getByLabel('Text', { exact: true }).fill('Ofenfrisch auch ohne Skript\nDas Formular geht immer.');
  await form.getByRole('button', { name: 'Veröffentlichen', exact: true }).click();
  const id = await createdId(page);
  await page.getByRole('status').filter({ hasText: 'Beitrag gespeichert.' }).waitFor();
  assert.equal(await page.locator(`#post-${id} .state`).innerText(), 'Veröffentlicht');
  const thumb = await page.locator(`#post-${id} img.thumb`).getAttribute('src');
  assert.match(thumb, /^\/media\/[0-9a-f]+-400\.jpg$/);

  await page.goto(`${nahbar.base}/sonnenschein-freiburg`);
  const news = page.locator('section.news');
  assert.equal(await news.locator('h2').innerText(), 'Neuigkeiten');
  const article = news.locator('article.post').filter({ has: page.locator('h3', { hasText: 'Ofenfrisch auch ohne Skript' }) });
  assert.equal(await article.count(), 1);
  // The original went up at full size; the server made the renditions.
  assert.match(await article.locator('picture source').getAttribute('srcset'), /-1600\.webp 1600w$/);
  assert.equal(await article.locator('picture img').getAttribute('alt'), 'Foto zu „Ofenfrisch auch ohne Skript“');
  await context.close();
});

test('without a device position the place can still be chosen (the shop’s car park), by keyboard, passing axe-core', async () => {
  const PARKING = 'Bäckerei Sonnenschein Freiburg, Kundenparkplatz im Hof';
  // No geolocation permission: the phone has no position to offer.
  const context = await ownerContext({ locale: 'en', bypassCSP: true });
  const page = await context.newPage();
  const creates = await recordPosts(page, '/admin/posts');
  await page.goto(`${nahbar.base}/admin/posts/new`);
  const form = page.locator('form[data-compose]');
  const geotag = form.locator('[data-geotag]');
  const place = geotag.locator('[data-geotag-text]');
  await place.filter({ hasText: /^No place$/ }).waitFor({ timeout: 20_000 });
  assert.equal(await geotag.isVisible(), true, 'offered without a position');
  assert.equal(await form.getByRole('button', { name: 'Remove place' }).isVisible(), false);

  // "Change place": labelled, no "My position", "No place" first and chosen, then the
  // Freiburg shop and its POIs.
  const change = form.getByRole('combobox', { name: 'Change place' });
  assert.equal(await change.count(), 1);
  assert.equal(await change.inputValue(), '');
  const options = await change.locator('option').allInnerTexts();
  assert.equal(options[0], 'No place');
  assert.ok(!options.some((o) => o.startsWith('My position')), JSON.stringify(options));
  assert.ok(options.includes('Bäckerei Sonnenschein Freiburg') && options.includes(PARKING) && options.includes(AT_ENTRANCE), JSON.stringify(options));

  // Reachable by keyboard: Tab from the field before it (a date-time field has a Tab stop
  // for each of its parts), with nothing in between.
  const publish = form.getByLabel('Publish later (optional)');
  await publish.focus();
  const stops = [];
  for (let i = 0; i < 8 && !(await change.evaluate((el) => el === document.activeElement)); i++) {
    stops.push(await page.evaluate(() => document.activeElement.id));
    await page.keyboard.press('Tab');
  }
  assert.equal(await change.evaluate((el) => el === document.activeElement), true, `Tab reaches "Change place" (${stops})`);
  assert.deepEqual([...new Set(stops)], ['compose-publish'], 'the next stop after "Publish later"');
  assert.equal(await page.evaluate(() => document.activeElement.labels[0].textContent), 'Change place');

  // The other location has other places; back to Freiburg.
  await form.getByLabel('Location').selectOption({ label: 'Café Sonnenschein Leipzig' });
  assert.ok(!(await change.locator('option').allInnerTexts()).includes(PARKING), 'Leipzig lists its own places');
  await form.getByLabel('Location').selectOption({ label: 'Bäckerei Sonnenschein Freiburg' });

  await change.selectOption({ label: PARKING });
  assert.equal(await place.innerText(), `at ${PARKING}`);
  const hidden = await geotag.locator('input[type="hidden"]').evaluateAll((inputs) => Object.fromEntries(inputs.map((i) => [i.name, i.value])));
  assert.equal(hidden.accuracy, '0');
  assert.ok(hidden.lat && hidden.lon, JSON.stringify(hidden));
  assert.equal(await form.getByRole('button', { name: 'Remove place' }).isVisible(), true);
  // Removing resets the choice; choosing again brings it back.
  await form.getByRole('button', { name: 'Remove place' }).click();
  assert.equal(await place.innerText(), 'No place');
  assert.equal(await change.inputValue(), '');
  assert.deepEqual(await geotag.locator('input[type="hidden"]').evaluateAll((inputs) => inputs.map((i) => i.value)), ['', '', '']);
  await change.selectOption({ label: PARKING });
  assert.equal(await place.innerText(), `at ${PARKING}`);

  assert.deepEqual(await axeViolations(page), [], 'compose screen with "Change place"');
  await toBottom(page);
  await screenshot(page, 'compose-place-en');

  await form.getByLabel('Text', { exact: true }).fill('Parkplatz frei\nIm Hof ist heute Platz für Lieferwagen.');
  await form.getByRole('button', { name: 'Post', exact: true }).click();
  const id = await createdId(page);
  assert.equal(creates.length, 1);
  assert.equal(creates[0].status, 201);
  const { geotag: tag } = creates[0].answer.post;
  assert.equal(tag.place, PARKING);
  assert.equal(tag.accuracy_m, 0);
  await context.close();

  // Customers see the place on the post's page and in the local page's news.
  const customer = await phoneContext(browser, { locale: 'en' });
  const local = await customer.newPage();
  await local.goto(`${nahbar.base}/sonnenschein-freiburg/posts/${id}`);
  assert.equal(await local.locator('h1').innerText(), 'Parkplatz frei');
  assert.match(await local.locator('.post-meta').innerText(), new RegExp(`at ${PARKING}$`));
  await local.goto(`${nahbar.base}/sonnenschein-freiburg`);
  const article = local.locator('section.news article.post').filter({ has: local.locator('h3', { hasText: 'Parkplatz frei' }) });
  assert.match(await article.locator('.post-meta').innerText(), new RegExp(`at ${PARKING}$`));
  await customer.close();
});

test('the compose and post list screens pass axe-core in English and German', async () => {
  for (const locale of ['en', 'de-DE']) {
    const de = locale.startsWith('de');
    const context = await composer(locale, { bypassCSP: true });
    const page = await context.newPage();
    await page.goto(`${nahbar.base}/admin/posts/new`);
    const form = page.locator('form[data-compose]');
    await form.locator('[data-geotag-text]').filter({ hasText: de ? `bei ${AT_ENTRANCE}` : `at ${AT_ENTRANCE}` }).waitFor();
    await form.getByLabel(de ? 'Fotos' : 'Photos').setInputFiles([photo, smallPhoto]);
    await photoItems(page).nth(1).waitFor();
    assert.deepEqual(await axeViolations(page), [], `${locale} compose screen with photos`);
    if (de) {
      await toBottom(page);
      await screenshot(page, 'compose-de');
    }
    await page.goto(`${nahbar.base}/admin/posts`);
    assert.deepEqual(await axeViolations(page), [], `${locale} post list`);
    await context.close();
  }
});

test('staff share a published post: the share sheet where there is one, else a copied link', async () => {
  // Headless Chromium on Linux has no share sheet: the first page gets a stand-in that
  // records what it was asked to share, the second goes the copy-to-clipboard way.
  const context = await phoneContext(browser, { storageState: owner });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: nahbar.base });
  const withSheet = await context.newPage();
  await withSheet.addInitScript(() => {
    window.shared = [];
    Object.defineProperty(navigator, 'share', { value: async (data) => { window.shared.push(data); } });
  });
  await withSheet.goto(`${nahbar.base}/admin/posts`);
  const card = withSheet.locator('li.card', { has: withSheet.locator('.state-published') }).first();
  const share = card.getByRole('link', { name: /^Share/ });
  const href = await share.getAttribute('href');
  assert.match(href, /^\/sonnenschein-[a-z]+\/posts\/\d+$/);
  await share.click();
  await withSheet.waitForFunction(() => window.shared.length === 1);
  const [data] = await withSheet.evaluate(() => window.shared);
  assert.equal(data.url, `${nahbar.base}${href}`);
  assert.ok(data.title.length > 0);
  assert.equal(withSheet.url(), `${nahbar.base}/admin/posts`, 'the list stays open');

  const withoutSheet = await context.newPage();
  await withoutSheet.addInitScript(() => { Object.defineProperty(navigator, 'share', { value: undefined }); });
  await withoutSheet.goto(`${nahbar.base}/admin/posts`);
  const card2 = withoutSheet.locator('li.card', { has: withoutSheet.locator('.state-published') }).first();
  await card2.getByRole('link', { name: /^Share/ }).click();
  await card2.getByRole('status').filter({ hasText: 'Link copied' }).waitFor();
  assert.equal(await withoutSheet.evaluate(() => navigator.clipboard.readText()), `${nahbar.base}${href}`);
  assert.deepEqual(await axeViolations(withoutSheet), []);
  await screenshot(withoutSheet, 'posts-share-en');
  await context.close();
});
