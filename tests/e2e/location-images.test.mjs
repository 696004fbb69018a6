// A location's logo and cover photo in a real browser at phone size, without JavaScript:
// the owner reaches the screen from the location editor, uploads both through the plain
// forms, and the local page shows the cover on top and the logo beside the name, loaded
// from this server only. Both screens pass axe-core.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startNahbar, launchBrowser, phoneContext, screenshot, signIn, axeViolations } from './harness.mjs';

let nahbar, browser, tmp;
before(async () => {
  nahbar = await startNahbar({ port: Number(process.env.NAHBAR_E2E_PORT ?? 0) });
  browser = await launchBrowser();
  tmp = mkdtempSync(path.join(tmpdir(), 'nahbar-face-'));
});
after(async () => {
  await browser?.close();
  await nahbar?.stop();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

/** A picture drawn on a canvas: a sun logo (PNG) or a shop-window cover (JPEG). */
async function draw(page, kind) {
  const data = await page.evaluate((kind) => {
    const logo = kind === 'logo';
    const canvas = document.createElement('canvas');
    canvas.width = logo ? 512 : 1800;
    canvas.height = logo ? 512 : 900;
    const c = canvas.getContext('2d');
    if (logo) {
      c.fillStyle = '#fff'; c.fillRect(0, 0, 512, 512);
      c.fillStyle = '#f0b400'; c.beginPath(); c.arc(256, 256, 170, 0, 2 * Math.PI); c.fill();
      c.fillStyle = '#7a4a00'; c.font = 'bold 120px sans-serif'; c.textAlign = 'center'; c.fillText('S', 256, 300);
    } else {
      const sky = c.createLinearGradient(0, 0, 0, 900);
      sky.addColorStop(0, '#8fc6ee'); sky.addColorStop(1, '#f6e7c8');
      c.fillStyle = sky; c.fillRect(0, 0, 1800, 900);
      c.fillStyle = '#b5562b'; c.fillRect(200, 300, 1400, 600);
      c.fillStyle = '#fde9b0'; c.fillRect(320, 420, 500, 360); c.fillRect(980, 420, 500, 360);
      c.fillStyle = '#7a3b16'; c.fillRect(200, 250, 1400, 80);
    }
    return canvas.toDataURL(logo ? 'image/png' : 'image/jpeg', 0.9);
  }, kind);
  const file = path.join(tmp, kind === 'logo' ? 'logo.png' : 'schaufenster.jpg');
  writeFileSync(file, Buffer.from(data.split(',')[1], 'base64'));
  return file;
}

test('the owner sets a logo and a cover without JavaScript and the local page shows them', async () => {
  const drawing = await browser.newContext();
  const canvasPage = await drawing.newPage();
  const logo = await draw(canvasPage, 'logo');
  const cover = await draw(canvasPage, 'cover');
  await drawing.close();
  const context = await phoneContext(browser, { locale: 'de-DE', javaScriptEnabled: false });
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  await signIn(page, nahbar.base);
  await page.goto(`${nahbar.base}/admin/locations/1`);
  await page.getByRole('link', { name: 'Logo und Titelbild' }).click();
  await page.waitForURL(/\/admin\/locations\/1\/images$/);

  const logoSection = page.getByRole('region', { name: 'Logo' });
  await logoSection.getByLabel('Bilddatei').setInputFiles(logo);
  await logoSection.getByRole('button', { name: 'Logo hochladen' }).click();
  await page.waitForURL(/saved=logo/);
  const coverSection = page.getByRole('region', { name: 'Titelbild' });
  await coverSection.getByLabel('Bilddatei').setInputFiles(cover);
  await coverSection.getByLabel('Bildbeschreibung (optional)').fill('Das Schaufenster am Morgen');
  await coverSection.getByRole('button', { name: 'Titelbild hochladen' }).click();
  await page.waitForURL(/saved=cover/);
  assert.equal(await page.getByRole('status').textContent(), 'Das Titelbild ist gespeichert.');
  assert.equal(await page.getByRole('button', { name: /entfernen$/ }).count(), 2);
  await screenshot(page, 'location-images-de');
  const screenUrl = page.url();

  const foreign = [];
  page.on('request', (request) => { if (!request.url().startsWith(nahbar.base)) foreign.push(request.url()); });
  await page.getByRole('link', { name: 'Seite ansehen' }).click();
  await page.locator('.location-cover img').waitFor();
  const loaded = await page.locator('img').evaluateAll((images) => images.map((i) => [i.className, i.complete && i.naturalWidth > 0]));
  assert.ok(loaded.some(([c, ok]) => c === 'location-logo' && ok), JSON.stringify(loaded));
  assert.equal(await page.locator('.location-cover img').getAttribute('alt'), 'Das Schaufenster am Morgen');
  assert.ok(await page.locator('.location-cover img').evaluate((i) => i.complete && i.naturalWidth > 0));
  assert.equal(await page.locator('script:not([type="application/ld+json"])').count(), 0, 'still script-free');
  await screenshot(page, 'local-page-face-de');
  assert.deepEqual(foreign, []);
  const pageUrl = page.url();
  // axe-core runs as a script: in a second browser with the same sign-in.
  const checker = await phoneContext(browser, { locale: 'de-DE', storageState: await context.storageState() });
  await context.close();
  const axePage = await checker.newPage();
  for (const url of [screenUrl, pageUrl]) {
    await axePage.goto(url);
    assert.deepEqual(await axeViolations(axePage), [], url);
  }
  await checker.close();
});
