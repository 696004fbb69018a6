// `make bench`, the page cache: the local page served by Nahbar (from its cache of finished,
// compressed pages) next to nginx serving the very same bytes from files, side by side in
// one run on the same machine. wrk drives both with 64 connections; each server gets one
// core (taskset -c 0, nginx with one worker), wrk the other. Three variants: uncompressed,
// gzip and brotli (nginx serves the precompressed files with gzip_static/brotli_static).
// Prints requests per second, p50/p99 latency, the ratio Nahbar / nginx, and the cache's
// hit rate from /metrics.
//
// This host's neighbours come and go: nginx's own p99 moved between 0.8 and 5.5 ms from one
// 8-second run to the next. So each variant is measured in ROUNDS short rounds (default 3 ×
// BENCH_SECONDS 4 s), the servers taking turns within a round, and a line gives the median
// round with the range of all rounds: a burst of noise then shows as one round's outlier in
// the range, for both servers, instead of deciding the figure of whichever server it hit.
//
// Then what counting page views (insights, a layer in front of the page cache) costs on
// this hot path: the same Nahbar runs (counting on, the default) next to a second Nahbar
// started with NAHBAR_INSIGHTS=off, uncompressed and brotli, with the ratio on / off
// (1.00× means counting is free; the off runs follow each on run, so both see the same
// load from the rest of the machine). wrk sends a browser's User-Agent, because requests
// without one count as bots and are not stored: without it "on" would measure no counting.
import { execFileSync, spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import http from 'node:http';
import path from 'node:path';

const BIN = path.resolve(process.env.NAHBAR_BIN ?? '../target/release/nahbar');
const SITE = path.resolve(process.env.LEPTOS_SITE_ROOT ?? '../target/site');
const SECONDS = Number(process.env.BENCH_SECONDS ?? 4);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const CONNECTIONS = 64;
const PAGE = '/sonnenschein-freiburg';
// A fixed Wednesday morning: the page's next status change is hours away, so the run
// measures serving, not re-rendering at a flip.
const CLOCK = '2026-06-17T09:00:00+02:00';

const work = mkdtempSync(path.join(tmpdir(), 'nahbar-cache-bench-'));

function freePort() {
  return new Promise((resolve) => {
    const server = http.createServer();
    server.listen(0, '127.0.0.1', () => { const { port } = server.address(); server.close(() => resolve(port)); });
  });
}

/** `insights`: NAHBAR_INSIGHTS, 'on' (the default) or 'off'; each server gets its own data. */
async function startNahbar(insights = 'on') {
  const port = await freePort();
  const child = spawn('taskset', ['-c', '0', BIN, 'serve', '--demo', '--bind', `127.0.0.1:${port}`,
    '--data-dir', path.join(work, `data-insights-${insights}`), '--clock-start', CLOCK], {
    env: { ...process.env, LEPTOS_SITE_ROOT: SITE, RUST_LOG: 'warn,server=info', NAHBAR_INSIGHTS: insights },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  await new Promise((resolve, reject) => {
    // The "listens on" line is logged at info level (hence `server=info` above).
    const timer = setTimeout(() => reject(new Error(`nahbar did not start within 30 s: ${out}`)), 30_000);
    const onData = (d) => { out += d; if (out.includes('listens on')) { clearTimeout(timer); resolve(); } };
    child.stdout.on('data', onData); child.stderr.on('data', onData);
    child.on('exit', (code) => reject(new Error(`nahbar exited ${code}: ${out}`)));
  });
  return { base: `http://127.0.0.1:${port}`, stop: () => { child.kill('SIGTERM'); return new Promise((r) => child.once('exit', r)); } };
}

function fetchRaw(url, encoding) {
  return new Promise((resolve, reject) => {
    http.get(url, { headers: { 'accept-encoding': encoding } }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }));
    }).on('error', reject);
  });
}

async function startNginx(root) {
  const port = await freePort();
  const conf = path.join(work, 'nginx.conf');
  writeFileSync(conf, `
load_module /usr/lib/nginx/modules/ngx_http_brotli_static_module.so;
worker_processes 1;
pid ${work}/nginx.pid;
error_log ${work}/nginx-error.log;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path ${work}/body;
  proxy_temp_path ${work}/proxy;
  fastcgi_temp_path ${work}/fastcgi;
  uwsgi_temp_path ${work}/uwsgi;
  scgi_temp_path ${work}/scgi;
  keepalive_requests 1000000;
  # nginx as it is tuned to serve static files: file handles and their existence checks
  # (try_files, the .gz/.br variants) kept open between requests, the body by sendfile.
  open_file_cache max=64 inactive=60s;
  open_file_cache_valid 60s;
  open_file_cache_errors on;
  sendfile on;
  tcp_nopush on;
  gzip_static on;
  brotli_static on;
  default_type text/html;
  server {
    listen 127.0.0.1:${port};
    root ${root};
    location = ${PAGE} { try_files /page.html =404; }
  }
}`);
  const child = spawn('taskset', ['-c', '0', 'nginx', '-c', conf, '-g', 'daemon off;'], { stdio: 'inherit' });
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 100; i++) {
    try { if ((await fetchRaw(`${base}${PAGE}`, 'identity')).status === 200) break; } catch { /* starting */ }
    await new Promise((r) => setTimeout(r, 50));
  }
  return { base, stop: () => { child.kill('SIGTERM'); return new Promise((r) => child.once('exit', r)); } };
}

// A browser's: requests without a User-Agent (wrk's default) are not counted as views.
const BROWSER = 'Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0';

/** wrk on the other core; requests/s and latency percentiles in ms. */
function wrk(url, encoding) {
  const script = path.join(work, `wrk-${encoding}.lua`);
  writeFileSync(script, `wrk.headers["Accept-Encoding"] = "${encoding}"\nwrk.headers["User-Agent"] = "${BROWSER}"\n`);
  const out = execFileSync('taskset', ['-c', '1', 'wrk', '-t1', `-c${CONNECTIONS}`, `-d${SECONDS}s`, '--latency', '-s', script, url], { encoding: 'utf8' });
  const ms = (text) => {
    const m = text.match(/([\d.]+)(us|ms|s)\b/);
    if (!m) return NaN;
    return Number(m[1]) * ({ us: 0.001, ms: 1, s: 1000 }[m[2]]);
  };
  const line = (label) => out.split('\n').find((l) => l.trim().startsWith(label)) ?? '';
  const errors = out.match(/Non-2xx or 3xx responses: (\d+)/);
  return {
    rps: Number(out.match(/Requests\/sec:\s+([\d.]+)/)?.[1] ?? NaN),
    p50: ms(line('50%').replace('50%', '')),
    p99: ms(line('99%').replace('99%', '')),
    errors: errors ? Number(errors[1]) : 0,
  };
}

/** The median of some numbers. */
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };

/** A server's rounds of one variant: the median of each figure, and the range of p99. */
function summary(runs) {
  const p99s = runs.map((r) => r.p99);
  return {
    rps: median(runs.map((r) => r.rps)), p50: median(runs.map((r) => r.p50)), p99: median(p99s),
    p99Range: [Math.min(...p99s), Math.max(...p99s)], errors: runs.reduce((n, r) => n + r.errors, 0),
  };
}

/** A summary's figures, as every line prints them. */
const figures = (r) => `${Math.round(r.rps)} req/s (p50 ${r.p50.toFixed(2)} ms, p99 ${r.p99.toFixed(2)} ms` +
  `${ROUNDS > 1 ? `, rounds ${r.p99Range[0].toFixed(2)}–${r.p99Range[1].toFixed(2)}` : ''})`;

/** Counts wait up to a second in memory (insights::job); let the last ones be written on
 * core 0 before the next server is measured, so their cost is not charged to that one. */
const settle = () => new Promise((r) => setTimeout(r, 1500));

async function hits(base) {
  const text = (await fetchRaw(`${base}/metrics`, 'identity')).body.toString();
  const count = (result) => Number(text.match(new RegExp(`nahbar_page_cache_total\\{result="${result}"\\} (\\d+)`))?.[1] ?? 0);
  return { hit: count('hit'), miss: count('miss'), pass: count('pass') };
}

try {
  const nahbar = await startNahbar();
  // The same bytes for nginx: what Nahbar serves in each encoding.
  const root = path.join(work, 'root');
  mkdirSync(root, { recursive: true });
  const identity = await fetchRaw(`${nahbar.base}${PAGE}`, 'identity');
  const gzip = await fetchRaw(`${nahbar.base}${PAGE}`, 'gzip');
  const br = await fetchRaw(`${nahbar.base}${PAGE}`, 'br');
  if (identity.status !== 200 || gzip.headers['content-encoding'] !== 'gzip' || br.headers['content-encoding'] !== 'br') {
    throw new Error('Nahbar did not serve the page in all three encodings');
  }
  writeFileSync(path.join(root, 'page.html'), identity.body);
  writeFileSync(path.join(root, 'page.html.gz'), gzip.body);
  writeFileSync(path.join(root, 'page.html.br'), br.body);
  // mkdtemp makes the folder private to its owner; nginx's worker runs as another user.
  chmodSync(work, 0o755);
  chmodSync(root, 0o755);
  const nginx = await startNginx(root);
  const check = await fetchRaw(`${nginx.base}${PAGE}`, 'br');
  if (!check.body.equals(br.body)) throw new Error(`nginx does not serve the same brotli bytes: ${check.status} ${JSON.stringify(check.headers)} ${check.body.length} vs ${br.body.length}`);
  // Started now (idle until its turn on core 0), so its runs can follow each counting run.
  const uncounted = await startNahbar('off');
  const offCheck = await fetchRaw(`${uncounted.base}${PAGE}`, 'br');
  if (offCheck.status !== 200 || offCheck.headers['content-encoding'] !== 'br') throw new Error(`Nahbar without counting does not serve the page: ${offCheck.status}`);

  console.log(`Page cache: ${PAGE} (${identity.body.length} B, gzip ${gzip.body.length} B, br ${br.body.length} B), wrk ${CONNECTIONS} connections, ${ROUNDS} rounds × ${SECONDS} s per server (median round; p99 of every round), server on core 0, wrk on core 1`);
  const rows = [];
  for (const encoding of ['identity', 'gzip', 'br']) {
    const runs = { n: [], off: [], x: [] };
    for (let round = 0; round < ROUNDS; round++) {
      runs.n.push(wrk(`${nahbar.base}${PAGE}`, encoding));
      await settle();
      // gzip is left out here: it takes the same path as brotli, and each run costs SECONDS.
      if (encoding !== 'gzip') runs.off.push(wrk(`${uncounted.base}${PAGE}`, encoding));
      runs.x.push(wrk(`${nginx.base}${PAGE}`, encoding));
    }
    const [n, x] = [summary(runs.n), summary(runs.x)];
    const off = runs.off.length ? summary(runs.off) : null;
    rows.push({ encoding, n, off, x });
    console.log(`  ${encoding.padEnd(8)} Nahbar ${figures(n)} | nginx ${figures(x)}` +
      ` | ratio ${(n.rps / x.rps).toFixed(2)}× (goal ≥ 0.8×, p99 < 5 ms)${n.errors ? ` | ${n.errors} errors!` : ''}`);
  }
  const h = await hits(nahbar.base);
  console.log(`  cache: ${h.hit} hits, ${h.miss} misses, ${h.pass} passed (hit rate ${(100 * h.hit / Math.max(1, h.hit + h.miss)).toFixed(3)} %)`);
  console.log(`Counting page views: the same Nahbar runs (counting on) next to Nahbar with NAHBAR_INSIGHTS=off`);
  for (const { encoding, n, off } of rows.filter((r) => r.off)) {
    console.log(`  ${encoding.padEnd(8)} counting on ${figures(n)} | off ${figures(off)}` +
      ` | ratio ${(n.rps / off.rps).toFixed(2)}× on/off${off.errors ? ` | ${off.errors} errors!` : ''}`);
  }
  await nginx.stop();
  await uncounted.stop();
  await nahbar.stop();
} finally {
  rmSync(work, { recursive: true, force: true });
}
