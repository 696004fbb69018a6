// Posting from a phone: the owner takes a phone-sized photo, the compose script makes it
// smaller on the device, uploads it with progress, adds the place (snapped to a POI) and
// posts; customers see it in the local page's news with responsive images. Also: the kind's
// date fields, a validation error that loses nothing, the form without JavaScript, axe-core.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startNahbar, launchBrowser, phoneContext, screenshot, signIn, axeViolations } from './harness.mjs';

// The Freiburg shop's "Stufenloser Eingang" POI, as the phone reports it.
const ENTRANCE = { latitude: 47.99515, longitude: 7.85499, accuracy: 8 };
const AT_ENTRANCE = 'Bäckerei Sonnenschein Freiburg, Stufenloser Eingang';

let nahbar; let browser; let owner; let tmp; let photo; let smallPhoto;
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
  writeFileSync(smallPhoto, await drawPhoto(page, 600, 400, 'image/png'));
  await context.close();
});
after(async () => {
  await browser?.close();
  await nahbar?.stop();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

/** A photo-like picture drawn in the browser (gradients and grain, so it does not
 *  compress to nothing), as the bytes of a file of `type`. */
async function drawPhoto(page, width, height, type, quality) {
  const base64 = await page.evaluate(async ([w, h, type, quality]) => {
    const canvas = document.createElement('canvas');
    canvas.width = w; canvas.height = h;
    const ctx = canvas.getContext('2d');
    const sky = ctx.createLinearGradient(0, 0, w, h);
    sky.addColorStop(0, '#f6c66b'); sky.addColorStop(0.5, '#b5642b'); sky.addColorStop(1, '#3d2314');
    ctx.fillStyle = sky; ctx.fillRect(0, 0, w, h);
    for (let i = 0; i < 60; i++) { // "pretzels": soft blobs
      const x = ((i * 7919) % 97) / 97 * w; const y = ((i * 104729) % 89) / 89 * h; const r = w / 25 + (i % 7) * w / 80;
      const blob = ctx.createRadialGradient(x, y, 0, x, y, r);
      blob.addColorStop(0, `hsla(${20 + (i * 13) % 30}, 70%, ${30 + (i % 5) * 8}%, 0.9)`);
      blob.addColorStop(1, 'hsla(30, 60%, 40%, 0)');
      ctx.fillStyle = blob; ctx.fillRect(x - r, y - r, 2 * r, 2 * r);
    }
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
  }, [width, height, type, quality]);
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

/** Every photo upload of a page, with its request body size and the server's answer. */
function recordUploads(page) {
  const uploads = [];
  page.on('requestfinished', async (request) => {
    if (request.method() !== 'POST' || new URL(request.url()).pathname !== '/admin/media') return;
    const entry = { done: null };
    uploads.push(entry);
    entry.done = (async () => {
      const response = await request.response();
      entry.status = response.status();
      entry.bodyBytes = (await request.sizes()).requestBodySize;
      entry.contentType = request.headers()['content-type'];
      entry.csrf = request.headers()['x-csrf-token'];
      entry.answer = await response.json();
    })();
  });
  return uploads;
}

async function settled(uploads) {
  await Promise.all(uploads.map((u) => u.done));
  return uploads;
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
  const uploads = recordUploads(page);
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
  await screenshot(page, 'compose-en');

  const statuses = await recordStatus(page);
  const created = page.waitForResponse((r) => new URL(r.url()).pathname === '/admin/posts' && r.request().method() === 'POST');
  await form.getByRole('button', { name: 'Post', exact: true }).click();
  const createResponse = await created;
  const id = await createdId(page);
  const body = await createResponse.json();
  assert.equal(createResponse.status(), 201);
  assert.equal(body.id, id);
  assert.equal(body.state, 'published');

  // What went over the network: one upload, a fraction of the original.
  const [upload] = await settled(uploads);
  assert.equal(uploads.length, 1);
  assert.equal(upload.status, 201);
  assert.match(upload.contentType, /^multipart\/form-data/);
  assert.ok(upload.csrf && upload.csrf.length >= 32, 'the upload carries the CSRF header');
  assert.deepEqual([upload.answer.width, upload.answer.height], [2048, 1536], 'downscaled to 2048 px on the long edge');
  console.log(`photo: original ${original} bytes (4032×3024), uploaded ${upload.bodyBytes} bytes (2048×1536, multipart body), ${(100 * upload.bodyBytes / original).toFixed(1)} %`);
  assert.ok(upload.bodyBytes < original / 3, `uploaded ${upload.bodyBytes} bytes of ${original}`);
  assert.ok(statuses.some((s) => /^Uploading photo 1 of 1: \d{1,3} %$/.test(s)), `upload status: ${JSON.stringify(statuses)}`);
  assert.deepEqual(body.post.photos.map((p) => [p.hash, p.alt]), [[upload.answer.hash, alt]]);

  // The list: the new post, published (the owner needs no approval).
  await page.getByRole('status').filter({ hasText: 'Post saved.' }).waitFor();
  const card = page.locator(`#post-${id}`);
  assert.equal(await card.locator('.state').innerText(), 'Published');
  assert.equal(await card.locator('strong').innerText(), 'Frische Brezeln');
  assert.equal(await card.locator('img.thumb').getAttribute('src'), `/media/${upload.answer.hash}-400.jpg`);
  await screenshot(page, 'posts-list-en');
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
  assert.equal(await local.locator('h3').innerText(), 'Frische Brezeln');
  const ogImage = await local.locator('meta[property="og:image"]').getAttribute('content');
  assert.match(ogImage, new RegExp(`/media/${upload.answer.hash}-1600\\.jpg$`));
  assert.equal(await local.locator('meta[property="og:image:alt"]').getAttribute('content'), alt);
  const og = await customer.request.get(`${nahbar.base}${new URL(ogImage).pathname}`);
  assert.equal(og.status(), 200);
  assert.equal(og.headers()['content-type'], 'image/jpeg');
  await customer.close();
});

test('the kind shows its date fields; a validation error keeps the text and the photos, which are not uploaded again', async () => {
  const context = await composer('en');
  const page = await context.newPage();
  const uploads = recordUploads(page);
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

  // Two photos, picked one after the other; the second (a small PNG) is moved forward.
  await form.getByLabel('Photos').setInputFiles(photo);
  await photoItems(page).first().waitFor();
  await form.getByLabel('Photos').setInputFiles(smallPhoto);
  await photoItems(page).nth(1).waitFor();
  await form.getByLabel('Photo description (for screen readers) 1').fill('Brezeln');
  await form.getByLabel('Photo description (for screen readers) 2').fill('Schild am Eingang');
  const moveSecond = form.getByRole('button', { name: 'Move forward 2', exact: true });
  await moveSecond.focus();
  await page.keyboard.press('Enter');
  assert.equal(await form.getByLabel('Photo description (for screen readers) 1').inputValue(), 'Schild am Eingang');
  assert.equal(await form.getByLabel('Photo description (for screen readers) 2').inputValue(), 'Brezeln');
  assert.equal(await page.evaluate(() => document.activeElement.textContent), 'Remove 1', 'focus stays on the moved photo');
  // A third photo, removed again by keyboard.
  await form.getByLabel('Photos').setInputFiles(smallPhoto);
  await photoItems(page).nth(2).waitFor();
  await form.getByRole('button', { name: 'Remove 3', exact: true }).focus();
  await page.keyboard.press('Enter');
  assert.equal(await photoItems(page).count(), 2);

  const text = 'Brezel-Backkurs\nFür Kinder ab 8 Jahren.';
  await form.getByLabel('Text', { exact: true }).fill(text);
  await form.getByLabel('Starts').fill('2030-05-01T18:00');
  await form.getByLabel('Ends').fill('2030-05-01T17:00');
  await form.getByRole('button', { name: 'Post', exact: true }).click();
  const problem = form.getByRole('alert');
  await problem.filter({ hasText: 'An event needs a start, and its end must be after the start.' }).waitFor({ timeout: 120_000 });
  assert.equal(new URL(page.url()).pathname, '/admin/posts/new', 'still on the form');
  assert.equal(await form.getByLabel('Text', { exact: true }).inputValue(), text);
  assert.equal(await photoItems(page).count(), 2);
  assert.equal(await form.getByLabel('Photo description (for screen readers) 1').inputValue(), 'Schild am Eingang');
  assert.equal(await form.getByLabel('Event', { exact: true }).isChecked(), true);
  assert.equal(await form.getByRole('button', { name: 'Post', exact: true }).getAttribute('aria-disabled'), null, 'the buttons work again');
  // The alert sits just above the buttons.
  assert.equal(await problem.evaluate((el) => el.nextElementSibling.classList.contains('actions')), true);
  await settled(uploads);
  assert.equal(uploads.length, 2);
  assert.deepEqual(uploads.map((u) => [u.answer.width, u.answer.height]).sort(), [[2048, 1536], [600, 400]]);

  // Fixed and sent again: the photos are not uploaded a second time, and keep their order.
  await form.getByLabel('Ends').fill('2030-05-01T20:00');
  const created = page.waitForResponse((r) => new URL(r.url()).pathname === '/admin/posts' && r.request().method() === 'POST');
  await form.getByRole('button', { name: 'Post', exact: true }).click();
  const body = await (await created).json();
  await createdId(page);
  assert.equal(uploads.length, 2, 'no photo was uploaded again');
  const byWidth = Object.fromEntries(uploads.map((u) => [u.answer.width, u.answer.hash]));
  assert.deepEqual(body.post.photos.map((p) => [p.hash, p.alt]), [[byWidth[600], 'Schild am Eingang'], [byWidth[2048], 'Brezeln']]);
  assert.equal(body.post.kind, 'event');
  assert.equal(await page.locator(`#post-${body.id} .state`).innerText(), 'Published');
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
    if (de) await screenshot(page, 'compose-de');
    await page.goto(`${nahbar.base}/admin/posts`);
    assert.deepEqual(await axeViolations(page), [], `${locale} post list`);
    await context.close();
  }
});
