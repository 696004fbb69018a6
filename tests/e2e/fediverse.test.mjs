// The fediverse on screens: customers read the shop's handle on the local page (no script),
// and an owner manages followers and blocked servers on a phone, in German and English.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startNahbar, launchBrowser, phoneContext, screenshot, signIn, axeViolations, OWNER, ARTIFACTS } from './harness.mjs';
import { startPeer } from '../fediverse/peer-process.mjs';
import { Client } from '../nodes/cluster.mjs';

let nahbar; let browser;
// `--federation-private`: the Fedify peer of the last test is on loopback.
before(async () => {
  nahbar = await startNahbar({ publicHost: 'localhost', extraArgs: ['--federation-private'] });
  browser = await launchBrowser();
});
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

test('a post reaches a Fedify follower, the post list says so, and the reply waits in the inbox', async () => {
  const peer = await startPeer();
  try {
    const finger = await (await fetch(`${nahbar.base}/.well-known/webfinger?resource=acct:sonnenschein-leipzig@localhost:${port()}`)).json();
    const actor = finger.links.find((l) => l.rel === 'self').href;
    const followed = await peer.call('POST', 'follow', { target: actor });
    assert.equal(followed.json.ok, true, JSON.stringify(followed.json));
    const accepted = async () => (await peer.call('GET', 'follows')).json.follows.some((f) => f.accepted);
    for (let i = 0; i < 100 && !(await accepted()); i++) await new Promise((r) => setTimeout(r, 100));
    assert.ok(await accepted(), 'the follow is accepted');

    // Published as the staff app does, then in the follower's inbox, verified by Fedify.
    const staff = new Client(nahbar.base);
    assert.equal(await staff.login(OWNER.email, OWNER.password), '/admin');
    const form = new FormData();
    form.set('location', '2');
    form.set('text', 'Heute Zwiebelkuchen und Federweißer ab 16 Uhr #Leipzig');
    form.set('intent', 'submit');
    const made = await staff.request('/admin/posts', { method: 'POST', body: form,
      headers: { accept: 'application/json', 'x-csrf-token': staff.cookies.get('nahbar_csrf') } });
    assert.equal(made.status, 201, await made.clone().text());
    const got = await peer.call('GET', 'received?type=Create&verified=true&min=1&timeout_ms=15000');
    const note = got.json.items[0]?.activity?.object;
    assert.match(note?.content ?? '', /Zwiebelkuchen/);
    const replied = await peer.call('POST', 'reply', { target: actor, in_reply_to: note.id,
      content: '<p>Habt ihr auch eine vegane Variante? <script>alert(1)</script></p>' });
    assert.equal(replied.json.ok, true, JSON.stringify(replied.json));

    for (const locale of ['en', 'de-DE']) {
      const de = locale.startsWith('de');
      const context = await phoneContext(browser, { locale, bypassCSP: true });
      const page = await context.newPage();
      await signIn(page, nahbar.base);
      await page.goto(`${nahbar.base}/admin/posts`);
      const item = page.locator('li', { hasText: 'Zwiebelkuchen' }).last();
      await item.getByText(de ? 'An 1 von 1 Servern im Fediverse zugestellt' : 'Delivered to 1 of 1 servers in the fediverse').waitFor();
      await item.scrollIntoViewIfNeeded();
      await page.screenshot({ path: `${ARTIFACTS}/posts-delivered-${de ? 'de' : 'en'}-screen.png` });
      assert.deepEqual(await axeViolations(page), [], `${locale} post list`);
      await page.goto(`${nahbar.base}/admin/locations/2/questions`);
      assert.match(await page.locator('#fediverse').innerText(), de ? /Aus dem Fediverse \(1\)/ : /From the fediverse \(1\)/);
      const text = await page.locator('main').innerText();
      assert.match(text, /Habt ihr auch eine vegane Variante\?/);
      assert.doesNotMatch(text, /alert\(1\)/, 'the script is removed, not shown');
      assert.equal(await page.evaluate(() => [...document.scripts].some((x) => x.textContent.includes('alert(1)'))), false);
      await page.locator('#fediverse').scrollIntoViewIfNeeded();
      await screenshot(page, `fediverse-inbox-${de ? 'de' : 'en'}`);
      assert.deepEqual(await axeViolations(page), [], `${locale} inbox`);
      await context.close();
    }
  } finally {
    await peer.stop();
  }
});
