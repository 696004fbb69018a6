// Test harness: a fresh Nahbar (own data folder, demo data, owner account) on a free
// loopback port, and Debian's chromium driven by playwright-core at phone size.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { chromium } from 'playwright-core';

const require = createRequire(import.meta.url);
const here = path.dirname(new URL(import.meta.url).pathname);
export const ARTIFACTS = path.resolve(here, '..', 'artifacts');
const BIN = path.resolve(process.env.NAHBAR_BIN ?? path.join(here, '..', '..', 'target', 'debug', 'nahbar'));
const SITE_ROOT = path.resolve(process.env.LEPTOS_SITE_ROOT ?? path.join(here, '..', '..', 'target', 'site'));

export const OWNER = { email: 'owner@sonnenschein.example', password: 'correct-horse-battery' };
export const PHONE = { width: 390, height: 844 };

/** A loopback port that is free right now. */
export async function freePort() {
  const server = createServer();
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** A Wednesday morning: suites whose pages depend on the day or the hour start Nahbar's
 *  clock here (`clockStart`), so they read the same on every day and at every hour. */
export const WEDNESDAY = '2026-06-17T10:00:00+02:00';

/** The date `days` after the instant `from` (an ISO date, as date inputs take it). */
export function isoDateAfter(from, days) {
  const d = new Date(Date.parse(from) + days * 86_400_000);
  return d.toISOString().slice(0, 10);
}

/** `port`: listen on this port instead of any free one. Nahbar's public URL (used in
 *  invitation links, feeds, …) defaults to `http://<bind>`, so links only point back at
 *  this server when the port is known up front. `clockStart`: start Nahbar's clock at this
 *  instant (it runs on from there). */
// `publicHost: 'localhost'` gives Nahbar a public address with a host name, so its
// locations are fediverse actors (an IP address keeps federation off).
// `dataDir`: start on the data folder of a server stopped with `stop({ keep: true })` (a
// restart, e.g. with a later clock); the owner exists there already.
export async function startNahbar({ port = 0, clockStart, publicHost, extraArgs = [], dataDir: reuse } = {}) {
  const dataDir = reuse ?? mkdtempSync(path.join(tmpdir(), 'nahbar-e2e-'));
  if (publicHost && port === 0) port = await freePort();
  const args = ['serve', '--demo', '--bind', `127.0.0.1:${port}`, '--data-dir', dataDir];
  if (clockStart) args.push('--clock-start', clockStart);
  if (publicHost) args.push('--public-url', `http://${publicHost}:${port}`);
  args.push(...extraArgs);
  const child = spawn(BIN, args, {
    env: { ...process.env, LEPTOS_SITE_ROOT: SITE_ROOT, RUST_LOG: 'warn,server=info' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const base = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`Nahbar did not start:\n${output}`)), 30_000);
    const onData = (chunk) => {
      output += chunk;
      const match = output.match(/listens on (http:\/\/127\.0\.0\.1:\d+)/);
      if (match) { clearTimeout(timer); resolve(match[1]); }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code) => reject(new Error(`Nahbar exited with ${code}:\n${output}`)));
  });
  // The listener is bound before the log line; wait until it answers anyway.
  for (let i = 0; i < 50; i++) {
    try { if ((await fetch(`${base}/healthz`)).ok) break; } catch { /* not yet */ }
    await new Promise((r) => setTimeout(r, 100));
  }
  const created = reuse ? { status: 0 } : spawnSync(BIN, ['owner', 'create', '--data-dir', dataDir, '--email', OWNER.email,
    '--name', 'Olga Owner', '--business', 'Bäckerei Sonnenschein', '--password-stdin'],
  { input: `${OWNER.password}\n`, env: { ...process.env, LEPTOS_SITE_ROOT: SITE_ROOT } });
  if (created.status !== 0) throw new Error(`owner create failed: ${created.stderr}`);
  return {
    base,
    dataDir,
    setupLink: output.match(/(http:\/\/\S+\/setup\/\S+)/)?.[1],
    async stop({ keep = false } = {}) {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
      if (!keep) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

const BROWSER_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export async function launchBrowser() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: BROWSER_ARGS,
  });
}

/** A persistent (non-incognito) browser profile, as an installed app has. */
export async function persistentPhoneContext({ locale = 'en' } = {}) {
  const profile = mkdtempSync(path.join(tmpdir(), 'nahbar-profile-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: BROWSER_ARGS, viewport: PHONE, deviceScaleFactor: 2, locale, isMobile: true, hasTouch: true,
  });
  const close = context.close.bind(context);
  context.close = async () => { await close(); rmSync(profile, { recursive: true, force: true }); };
  return context;
}

export async function phoneContext(browser, { locale = 'en', ...options } = {}) {
  return browser.newContext({ viewport: PHONE, deviceScaleFactor: 2, locale, isMobile: true, hasTouch: true, ...options });
}

/** A full-page screenshot, plus one of what the phone shows first (`-screen`). */
export async function screenshot(page, name) {
  mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: true });
  await page.screenshot({ path: path.join(ARTIFACTS, `${name}-screen.png`) });
}

export async function signIn(page, base) {
  await page.goto(`${base}/login`);
  await page.getByLabel(/^(Email|E-Mail)$/).fill(OWNER.email);
  await page.getByLabel(/^(Password|Passwort)$/).fill(OWNER.password);
  await page.getByRole('button', { name: /^(Sign in|Anmelden)$/ }).click();
  await page.waitForURL(`${base}/admin`);
}

/** Waits until the editor island has hydrated and is interactive. */
export async function waitForIslands(page) {
  await page.locator('form[data-ready="true"]').waitFor();
}

const AXE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/** axe-core violations (WCAG 2.x A/AA rules) on the current page. */
export async function axeViolations(page) {
  await page.evaluate(AXE);
  const result = await page.evaluate(async () => window.axe.run(document, {
    runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] },
  }));
  if (result.passes.length === 0) throw new Error('axe-core checked nothing');
  return result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
}

/** The tests' SMTP server (aiosmtpd, `tests/smtp/sink.py`): `url` for `--smtp-url`,
 *  `messages()` the raw messages received so far, `stop()`. */
export async function startSmtpSink() {
  const dir = mkdtempSync(path.join(tmpdir(), 'nahbar-mail-'));
  const child = spawn('python3', [path.resolve(here, '..', 'smtp', 'sink.py'), '--out', dir],
    { stdio: ['pipe', 'pipe', 'inherit'] });
  const port = await new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`aiosmtpd did not start: ${out}`)), 15_000);
    child.stdout.on('data', (chunk) => {
      out += chunk;
      const match = out.match(/ready (\d+)/);
      if (match) { clearTimeout(timer); resolve(Number(match[1])); }
    });
    child.on('exit', (code) => reject(new Error(`aiosmtpd exited with ${code}: ${out}`)));
  });
  return {
    url: `smtp://127.0.0.1:${port}`,
    messages() {
      return readdirSync(dir).filter((n) => n.endsWith('.eml')).sort()
        .map((n) => readFileSync(path.join(dir, n), 'utf8'));
    },
    async stop() {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
