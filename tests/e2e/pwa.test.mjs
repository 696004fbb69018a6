// The installable staff app: manifest, service worker, Chromium's installability check.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startNahbar, persistentPhoneContext, screenshot, signIn } from './harness.mjs';

let nahbar;
before(async () => { nahbar = await startNahbar(); });
after(async () => { await nahbar?.stop(); });

test('Chromium reports no installability errors for the staff app', async () => {
  const context = await persistentPhoneContext();
  const page = context.pages()[0] ?? await context.newPage();
  await signIn(page, nahbar.base);
  await page.evaluate(() => navigator.serviceWorker.ready);
  const cdp = await context.newCDPSession(page);
  const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
  assert.deepEqual(installabilityErrors, []);
  const manifest = await cdp.send('Page.getAppManifest');
  assert.deepEqual(manifest.errors, []);
  assert.match(manifest.url, /\/manifest\.webmanifest$/);
  await context.close();
});

test('the installed app opens offline from its cache, or shows the offline page', async () => {
  const context = await persistentPhoneContext();
  const page = context.pages()[0] ?? await context.newPage();
  await signIn(page, nahbar.base);
  await page.evaluate(() => navigator.serviceWorker.ready);
  await page.reload(); // now controlled by the service worker, which caches the page
  await page.evaluate(() => navigator.serviceWorker.controller !== null);
  await context.setOffline(true);
  await page.reload();
  assert.equal(await page.locator('h1').innerText(), 'Dashboard', 'the app page comes from the cache');
  await page.goto(`${nahbar.base}/admin/locations/2`);
  assert.match(await page.locator('h1').first().innerText(), /^(Keine Verbindung|Edit location)/);
  await screenshot(page, 'offline');
  await context.setOffline(false);
  await context.close();
});
