// The fediverse on screens: customers read the shop's handle on the local page (no script),
// and an owner manages followers and blocked servers on a phone, in German and English.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startNahbar, launchBrowser, phoneContext, screenshot, signIn, axeViolations } from './harness.mjs';

let nahbar; let browser;
before(async () => { nahbar = await startNahbar({ publicHost: 'localhost' }); browser = await launchBrowser(); });
after(async () => { await browser?.close(); await nahbar?.stop(); });

const port = () => new URL(nahbar.base).port;

test('the local page names the shop\'s fediverse handle, without scripts', async () => {
  const context = await phoneContext(browser, { locale: 'de-DE', javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(`${nahbar.base}/sonnenschein-leipzig`);
  const follow = page.locator('p.follow');
  assert.match(await follow.innerText(), new RegExp(`Folgen Sie uns auf Mastodon.*@sonnenschein-leipzig@localhost:${port()}`, 's'));
  await follow.scrollIntoViewIfNeeded();
  await screenshot(page, 'local-page-follow-de');
  await context.close();
});

test('an owner sees the handle, blocks a server and unblocks it, in German and English', async () => {
  for (const locale of ['en', 'de-DE']) {
    const de = locale.startsWith('de');
    const context = await phoneContext(browser, { locale, javaScriptEnabled: false });
    const page = await context.newPage();
    await signIn(page, nahbar.base);
    await page.goto(`${nahbar.base}/admin`);
    await page.getByRole('link', { name: de ? 'Folgende Café Sonnenschein Leipzig' : 'Followers Café Sonnenschein Leipzig' }).click();
    assert.match(await page.locator('h1').innerText(), de ? /^Folgende im Fediverse/ : /^Followers on the fediverse/);
    assert.match(await page.locator('main').innerText(), new RegExp(`@sonnenschein-leipzig@localhost:${port()}`));
    assert.match(await page.locator('main').innerText(), de ? /Noch folgt niemand/ : /Nobody follows/);
    const server = de ? 'spam-de.example' : 'spam-en.example';
    await page.getByLabel(de ? 'Server (z. B. spam.example)' : 'Server (e.g. spam.example)').fill(server);
    await page.getByRole('button', { name: de ? 'Sperren' : 'Block', exact: true }).click();
    await page.getByRole('status').filter({ hasText: de ? 'Gesperrt.' : 'Blocked.' }).waitFor();
    assert.match(await page.locator('ul.blocked').innerText(), new RegExp(server.replace('.', '\\.')));
    await screenshot(page, `followers-${de ? 'de' : 'en'}`);
    await page.getByRole('button', { name: `${de ? 'Entsperren' : 'Unblock'} ${server}` }).click();
    await page.getByRole('status').filter({ hasText: de ? 'Entsperrt.' : 'Unblocked.' }).waitFor();
    await context.close();
    const checker = await phoneContext(browser, { locale, bypassCSP: true });
    const checkPage = await checker.newPage();
    await signIn(checkPage, nahbar.base);
    await checkPage.goto(`${nahbar.base}/admin/locations/2/followers`);
    assert.deepEqual(await axeViolations(checkPage), [], `${locale} followers screen`);
    await checker.close();
  }
});
