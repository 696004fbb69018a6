// What the network and the server do to a phone in a shop, for the outbox tests: a Nahbar
// whose process can be killed (SIGKILL) and started again on the same data, behind an HTTP
// proxy on a fixed port (the browser's origin stays the same across restarts) that can cut
// connections before a request reaches the server, or after the server answered but before
// the answer reaches the phone, and can slow uploads down so a kill lands in the middle.
import { spawn, spawnSync, execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, readdirSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import http from 'node:http';
import path from 'node:path';
import { writeFileSync } from 'node:fs';
import { OWNER, persistentPhoneContext } from './harness.mjs';

const here = path.dirname(new URL(import.meta.url).pathname);
const BIN = path.resolve(process.env.NAHBAR_BIN ?? path.join(here, '..', '..', 'target', 'debug', 'nahbar'));
const SITE_ROOT = path.resolve(process.env.LEPTOS_SITE_ROOT ?? path.join(here, '..', '..', 'target', 'site'));

/** A Nahbar process on its own data folder; `kill()` and `start()` again keep the data. */
export { SITE_ROOT };
export async function killableNahbar({ siteRoot = SITE_ROOT } = {}) {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'nahbar-chaos-'));
  const server = {
    dataDir, child: null, base: null, output: '', starts: 0,
    async start() {
      const child = spawn(BIN, ['serve', '--demo', '--bind', '127.0.0.1:0', '--data-dir', dataDir], {
        env: { ...process.env, LEPTOS_SITE_ROOT: siteRoot, RUST_LOG: 'warn,server=info' },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      this.child = child;
      this.starts++;
      let output = '';
      this.base = await new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`Nahbar did not start:\n${output}`)), 60_000);
        const onData = (chunk) => {
          output += chunk;
          this.output += chunk;
          const match = output.match(/listens on (http:\/\/127\.0\.0\.1:\d+)/);
          if (match) { clearTimeout(timer); resolve(match[1]); }
        };
        child.stdout.on('data', onData);
        child.stderr.on('data', onData);
        child.once('exit', (code, signal) => { clearTimeout(timer); reject(new Error(`Nahbar exited (${code ?? signal}):\n${output}`)); });
      });
      for (let i = 0; i < 100; i++) {
        try { if ((await fetch(`${this.base}/healthz`)).ok) break; } catch { /* not yet */ }
        await new Promise((r) => setTimeout(r, 50));
      }
      return this.base;
    },
    /** SIGKILL: no graceful shutdown, whatever was in flight is cut. */
    async kill() {
      const child = this.child;
      if (!child || child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGKILL');
      await exited;
      this.child = null;
      this.base = null; // the proxy drops requests while it is down
    },
    async stop() {
      if (this.child && this.child.exitCode === null) {
        const exited = new Promise((r) => this.child.once('exit', r));
        this.child.kill('SIGTERM');
        await exited;
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
    /** Runs SQL against the server's SQLite file with Python's sqlite3 (an independent reader). */
    query(sql) {
      const script = 'import json,sqlite3,sys\nc=sqlite3.connect(sys.argv[1])\nprint(json.dumps(c.execute(sys.argv[2]).fetchall()))';
      return JSON.parse(execFileSync('python3', ['-c', script, path.join(dataDir, 'nahbar.db'), sql], { encoding: 'utf8' }));
    },
    /** Files in the media folder and the half-written ones beside it. */
    mediaFiles() {
      const list = (dir) => (existsSync(dir) ? readdirSync(dir) : []);
      return { served: list(path.join(dataDir, 'media')), partial: list(path.join(dataDir, 'media-partial')) };
    },
  };
  await server.start();
  const created = spawnSync(BIN, ['owner', 'create', '--data-dir', dataDir, '--email', OWNER.email,
    '--name', 'Olga Owner', '--business', 'Bäckerei Sonnenschein', '--password-stdin'],
  { input: `${OWNER.password}\n`, env: { ...process.env, LEPTOS_SITE_ROOT: SITE_ROOT } });
  if (created.status !== 0) throw new Error(`owner create failed: ${created.stderr}`);
  return server;
}

/**
 * An HTTP proxy on a fixed loopback port in front of `server` (read at every request, so
 * restarts on a new port are followed). Faults, each consumed by the request it hits:
 * - `proxy.cutBefore(match)`: the connection drops before the request reaches the server.
 * - `proxy.loseAnswer(match)`: the server handles the request fully; its answer is dropped.
 * - `proxy.slowUpload(match, bytesPerSecond)`: the request body is trickled to the server.
 * - `proxy.chaos = (req) => 'pass' | 'cut' | 'lose'`: a rule for every request.
 * `proxy.log` records [method, path, status | 'cut' | 'lost' | 'down'] for each request.
 */
export async function startProxy(server) {
  const faults = [];
  const log = [];
  const sockets = new Set();
  const proxy = {
    log, chaos: null, base: null,
    cutBefore(match) { faults.push({ kind: 'cut', match }); },
    loseAnswer(match) { faults.push({ kind: 'lose', match }); },
    slowUpload(match, rate) { faults.push({ kind: 'slow', match, rate }); },
    /** Resolves when a request matching `match` has sent `bytes` body bytes to the server. */
    uploaded(match, bytes) {
      return new Promise((resolve) => { faults.push({ kind: 'watch', match, bytes, resolve }); });
    },
    async close() {
      sockets.forEach((s) => s.destroy());
      await new Promise((r) => httpServer.close(r));
    },
  };
  const take = (kind, req) => {
    const i = faults.findIndex((f) => f.kind === kind && f.match(req));
    return i >= 0 ? faults.splice(i, 1)[0] : null;
  };
  const httpServer = http.createServer((req, res) => {
    const entry = [req.method, req.url.split('?')[0], null];
    log.push(entry);
    const rule = proxy.chaos ? proxy.chaos(req) : 'pass';
    if (take('cut', req) || rule === 'cut') {
      entry[2] = 'cut';
      req.socket.destroy();
      return;
    }
    const lose = take('lose', req) || (rule === 'lose' ? {} : null);
    const slow = take('slow', req);
    const watch = take('watch', req);
    if (!server.base) { entry[2] = 'down'; req.socket.destroy(); return; }
    const target = new URL(req.url, server.base);
    const upstream = http.request(target, { method: req.method, headers: { ...req.headers, host: target.host } }, (answer) => {
      // The server dies in the middle of its answer: the phone's connection drops too.
      answer.on('error', () => req.socket.destroy());
      answer.on('aborted', () => req.socket.destroy());
      if (lose) {
        // Read the whole answer (the server has done its work), then cut the phone off.
        answer.resume();
        answer.on('end', () => { entry[2] = 'lost'; req.socket.destroy(); });
        return;
      }
      entry[2] = answer.statusCode;
      res.writeHead(answer.statusCode, answer.headers);
      answer.pipe(res);
    });
    upstream.on('error', () => { if (entry[2] === null) entry[2] = 'down'; req.socket.destroy(); });
    let sent = 0;
    req.on('data', async (chunk) => {
      sent += chunk.length;
      if (watch && sent >= watch.bytes) { watch.resolve(); }
      if (!slow) { if (!upstream.write(chunk)) { req.pause(); upstream.once('drain', () => req.resume()); } return; }
      req.pause();
      for (let i = 0; i < chunk.length; i += 16384) {
        upstream.write(chunk.subarray(i, i + 16384));
        await new Promise((r) => setTimeout(r, (16384 / slow.rate) * 1000));
      }
      req.resume();
    });
    req.on('end', () => upstream.end());
    req.on('error', () => upstream.destroy());
  });
  httpServer.keepAliveTimeout = 1000;
  httpServer.on('connection', (s) => { sockets.add(s); s.on('close', () => sockets.delete(s)); });
  await new Promise((r) => httpServer.listen(0, '127.0.0.1', r));
  proxy.base = `http://127.0.0.1:${httpServer.address().port}`;
  return proxy;
}

/** Every post of the demo business whose text contains `marker`: [id, text, key, photos]. */
export function postsWith(server, marker) {
  const safe = marker.replace(/'/g, "''");
  return server.query(`SELECT p.id, p.body, p.idempotency_key, (SELECT COUNT(*) FROM post_photos f WHERE f.post_id = p.id) FROM posts p WHERE p.body LIKE '%${safe}%' ORDER BY p.id`);
}

/** The installed staff app, signed in, its service worker in control and the staff screens
 *  cached (the worker fetches them when it starts). */
const openApps = new Set();

/** Closes every installed app a failed test left open (so the test file can end). */
export async function closeInstalledApps() {
  await Promise.all([...openApps].map((context) => context.close().catch(() => {})));
}

export async function installedApp(proxy, locale = 'en') {
  const context = await persistentPhoneContext({ locale });
  openApps.add(context);
  const close = context.close.bind(context);
  context.close = async () => { openApps.delete(context); await close(); };
  const page = context.pages()[0] ?? await context.newPage();
  await page.goto(`${proxy.base}/login`);
  await page.getByLabel(/^(Email|E-Mail)$/).fill(OWNER.email);
  await page.getByLabel(/^(Password|Passwort)$/).fill(OWNER.password);
  await page.getByRole('button', { name: /^(Sign in|Anmelden)$/ }).click();
  await page.waitForURL(`${proxy.base}/admin`);
  await page.evaluate(() => navigator.serviceWorker.ready);
  // The worker claims the open page when it activates; should the claim miss the page (seen
  // once on a loaded machine), the next navigation is controlled, as on a phone.
  const claimed = await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 5_000 })
    .then(() => true, () => false);
  if (!claimed) {
    await page.reload();
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
  }
  await page.waitForFunction(async () => {
    const names = await caches.keys();
    const pages = names.find((n) => n.startsWith('nahbar-pages-'));
    if (!pages) return false;
    const cache = await caches.open(pages);
    return !!(await cache.match('/admin/posts/new')) && !!(await cache.match('/admin'));
  }, null, { timeout: 30_000 });
  return { context, page };
}

/** A JPEG drawn in the browser, with `label` on it (so every photo has its own hash). */
export async function drawPhoto(page, dir, label, width = 1200, height = 900) {
  const base64 = await page.evaluate(async ([label, w, h]) => {
    const canvas = new OffscreenCanvas(w, h);
    const ctx = canvas.getContext('2d');
    const g = ctx.createLinearGradient(0, 0, w, h);
    g.addColorStop(0, '#f6c66b'); g.addColorStop(1, '#3d2314');
    ctx.fillStyle = g; ctx.fillRect(0, 0, w, h);
    ctx.fillStyle = '#fff'; ctx.font = `${Math.round(h / 5)}px sans-serif`;
    ctx.fillText(label, w / 10, h / 2);
    const blob = await canvas.convertToBlob({ type: 'image/jpeg', quality: 0.9 });
    const bytes = new Uint8Array(await blob.arrayBuffer());
    let binary = '';
    for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
    return btoa(binary);
  }, [label, width, height]);
  const file = path.join(dir, `${label.replace(/\W+/g, '-')}.jpg`);
  writeFileSync(file, Buffer.from(base64, 'base64'));
  return file;
}

/** Composes one post on the compose screen and presses "Post". */
export async function compose(page, text, photo) {
  const form = page.locator('form[data-compose]');
  await form.getByLabel('Text', { exact: true }).fill(text);
  if (photo) {
    await form.getByLabel(/^(Photos|Fotos)$/).setInputFiles(photo);
    await page.locator('ol[data-photo-list] > li').first().waitFor();
  }
  await form.getByRole('button', { name: /^(Post|Veröffentlichen)$/, exact: true }).click();
}

