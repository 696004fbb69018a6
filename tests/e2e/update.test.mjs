// A new Nahbar is picked up cleanly by the installed app: the new service worker replaces
// the shell and page caches at once (no mixed versions), and an open page says so and
// reloads into the new version.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, rmSync, appendFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { screenshot } from './harness.mjs';
import { killableNahbar, startProxy, installedApp, closeInstalledApps, SITE_ROOT } from './chaos.mjs';

let server; let proxy; let site;
before(async () => {
  // A copy of the built site, so the test can ship a "new version" of a script.
  site = mkdtempSync(path.join(tmpdir(), 'nahbar-site-'));
  cpSync(SITE_ROOT, site, { recursive: true });
  server = await killableNahbar({ siteRoot: site });
  proxy = await startProxy(server);
});
after(async () => {
  await closeInstalledApps();
  await proxy?.close();
  await server?.stop();
  if (site) rmSync(site, { recursive: true, force: true });
});

const cacheNames = (page) => page.evaluate(() => caches.keys().then((keys) => keys.sort()));

test('an update replaces the cached app at once and the open page offers to reload', async () => {
  const { context, page } = await installedApp(proxy, 'en');
  const old = await cacheNames(page);
  assert.equal(old.length, 2, `one shell and one page cache: ${old}`);
  const version = old[0].replace(/^nahbar-pages-/, '');

  // Nahbar is updated: a script changes, the server restarts.
  appendFileSync(path.join(site, 'outbox.js'), '\n// version 2\n');
  await server.kill();
  await server.start();
  await page.reload();
  const notice = page.locator('[data-update-notice]');
  await notice.waitFor({ timeout: 30_000 });
  assert.match(await notice.innerText(), /^Nahbar has been updated\./);
  await screenshot(page, 'update-notice-en');
  // (The page switches to the new worker as it activates; its clean-up follows at once.)
  for (let i = 0; i < 150 && (await cacheNames(page)).length !== 2; i++) await page.waitForTimeout(200);
  const now = await cacheNames(page);
  assert.equal(now.length, 2, `the old caches are gone: ${now} (before: ${old})`);
  assert.ok(now.every((name) => !name.endsWith(version)), `new version names: ${now}`);
  await notice.getByRole('button', { name: 'Reload' }).click();
  await page.waitForLoadState('load');
  const script = await page.evaluate(() => fetch('/outbox.js').then((r) => r.text()));
  assert.match(script, /version 2/, 'the page runs the new scripts');
  // Offline too, the new version is what the app gets.
  await context.setOffline(true);
  proxy.chaos = () => 'cut';
  await page.goto(`${proxy.base}/admin/posts/new`);
  assert.match(await page.evaluate(() => fetch('/outbox.js').then((r) => r.text())), /version 2/);
  proxy.chaos = null;
  await context.close();
});
