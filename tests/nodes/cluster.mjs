// Real parts for the several-nodes test, all on loopback: a scratch PostgreSQL database, an
// S3 server (s3s-fs, which checks signatures and create-only writes), Nahbar nodes that
// can be killed (SIGKILL) or stopped (SIGTERM), nginx from Debian in front of them, and an
// HTTP client with a cookie jar that signs in and posts as the staff app does.
import { spawn, execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { freePort } from '../e2e/harness.mjs';

const here = path.dirname(new URL(import.meta.url).pathname);
const BIN = path.resolve(process.env.NAHBAR_BIN ?? path.join(here, '..', '..', 'target', 'debug', 'nahbar'));
const SITE_ROOT = path.resolve(process.env.LEPTOS_SITE_ROOT ?? path.join(here, '..', '..', 'target', 'site'));
const ADMIN_URL = process.env.NAHBAR_TEST_POSTGRES_URL ?? 'postgres://postgres:postgres@127.0.0.1:5432/postgres';

/** A fresh PostgreSQL database; `sql()` reads it with psql (an independent reader). */
export function scratchPostgres(name) {
  const db = `nahbar_${name}_${process.pid}`;
  const admin = (command) => execFileSync('psql', [ADMIN_URL, '-v', 'ON_ERROR_STOP=1', '-qc', command], { encoding: 'utf8' });
  admin(`DROP DATABASE IF EXISTS ${db} WITH (FORCE)`);
  admin(`CREATE DATABASE ${db}`);
  const url = new URL(ADMIN_URL);
  url.pathname = `/${db}`;
  return {
    url: url.toString(),
    /** Rows of a query as arrays of strings. */
    sql(query) {
      const out = execFileSync('psql', [url.toString(), '-v', 'ON_ERROR_STOP=1', '-AtF', '\t', '-c', query], { encoding: 'utf8' });
      return out.split('\n').filter((line) => line !== '').map((line) => line.split('\t'));
    },
    drop() { admin(`DROP DATABASE IF EXISTS ${db} WITH (FORCE)`); },
  };
}

const S3_KEY = 'nahbar-nodes-key';
const S3_SECRET = 'nahbar-nodes-secret-0123456789';

/** s3s-fs serving a fresh folder with the bucket `nahbar`. */
export async function s3Server() {
  const root = mkdtempSync(path.join(tmpdir(), 'nahbar-s3-'));
  mkdirSync(path.join(root, 'nahbar'));
  const port = await freePort();
  const child = spawn('s3s-fs', ['--host', '127.0.0.1', '--port', String(port),
    '--access-key', S3_KEY, '--secret-key', S3_SECRET, root], { stdio: 'ignore' });
  const endpoint = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 200; i++) {
    try { await fetch(endpoint); break; } catch { await new Promise((r) => setTimeout(r, 25)); }
  }
  return {
    endpoint, root,
    env: { AWS_ENDPOINT_URL: endpoint, AWS_REGION: 'us-east-1', AWS_ACCESS_KEY_ID: S3_KEY,
      AWS_SECRET_ACCESS_KEY: S3_SECRET, AWS_ALLOW_HTTP: 'true' },
    async stop() {
      child.kill('SIGKILL');
      rmSync(root, { recursive: true, force: true });
    },
  };
}

/**
 * One `nahbar serve` on the shared database and bucket, on a fixed port (nginx's upstream).
 * `clock()` gives the instant its clock should read now (all nodes read the same clock).
 */
export function nahbarNode({ name, db, s3, publicUrl, clock, demo = false }) {
  const dataDir = mkdtempSync(path.join(tmpdir(), `nahbar-${name}-`));
  const node = {
    name, dataDir, port: null, child: null, output: '', exits: [],
    get base() { return `http://127.0.0.1:${this.port}`; },
    async start() {
      this.port ??= await freePort();
      const args = ['serve', '--bind', `127.0.0.1:${this.port}`, '--data-dir', dataDir,
        '--database-url', db.url, '--media-url', 's3://nahbar/photos', '--public-url', publicUrl,
        '--trusted-proxies', '127.0.0.1', '--clock-start', clock()];
      if (demo) args.push('--demo');
      const child = spawn(BIN, args, {
        env: { ...process.env, ...s3.env, LEPTOS_SITE_ROOT: SITE_ROOT, RUST_LOG: 'warn,server=info' },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      this.child = child;
      child.on('exit', (code, signal) => this.exits.push(code ?? signal));
      let output = '';
      await new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`${name} did not start:\n${output}`)), 90_000);
        const onData = (chunk) => {
          output += chunk;
          this.output += chunk;
          if (/listens on http/.test(output)) { clearTimeout(timer); resolve(); }
        };
        child.stdout.on('data', onData);
        child.stderr.on('data', onData);
        child.once('exit', (code, signal) => {
          clearTimeout(timer);
          reject(new Error(`${name} exited (${code ?? signal}):\n${output}`));
        });
      });
      for (let i = 0; i < 100; i++) {
        try { if ((await fetch(`${this.base}/healthz`)).ok) return; } catch { /* not yet */ }
        await new Promise((r) => setTimeout(r, 50));
      }
      throw new Error(`${name} does not answer /healthz:\n${this.output}`);
    },
    /** Ends the process with `signal` and waits until it is gone; resolves to how long it took. */
    async stop(signal) {
      const child = this.child;
      if (!child || child.exitCode !== null || child.signalCode !== null) return 0;
      const started = Date.now();
      const exited = new Promise((r) => child.once('exit', r));
      child.kill(signal);
      await exited;
      this.child = null;
      return Date.now() - started;
    },
    /** How many scheduled posts this node says it published. */
    publishedScheduled() {
      // The log line is `published scheduled posts count=N` (tracing's fmt, colours removed).
      const plain = this.output.replace(/\x1b\[[0-9;]*m/g, '');
      const counts = [...plain.matchAll(/published scheduled posts\s+count=(\d+)/g)];
      return counts.reduce((sum, m) => sum + Number(m[1]), 0);
    },
    cleanup() { rmSync(dataDir, { recursive: true, force: true }); },
  };
  return node;
}

/** `nahbar owner create` against the shared database. */
export function createOwner(db, owner) {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'nahbar-owner-'));
  try {
    execFileSync(BIN, ['owner', 'create', '--data-dir', dataDir, '--database-url', db.url,
      '--email', owner.email, '--name', 'Olga Owner', '--business', 'Bäckerei Sonnenschein',
      '--password-stdin'], { input: `${owner.password}\n`, env: { ...process.env, LEPTOS_SITE_ROOT: SITE_ROOT } });
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/**
 * nginx in front of `nodes` (round robin). Requests that cannot reach a node go to the
 * next one; `POST /admin/posts` is passed on even after it was sent, because a post
 * carries its idempotency key (the same key again answers with the post already made).
 * The access log records, per request, every node tried and what each answered.
 */
export async function nginxInFront(nodes, port) {
  const work = mkdtempSync(path.join(tmpdir(), 'nahbar-nginx-'));
  chmodSync(work, 0o755);
  const conf = path.join(work, 'nginx.conf');
  const proxy = `
      proxy_pass http://nahbar;
      proxy_set_header Host $http_host;
      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
      proxy_set_header X-Forwarded-Proto $scheme;`;
  writeFileSync(conf, `
${process.getuid?.() === 0 ? 'user root;' : ''}
worker_processes 1;
pid ${work}/nginx.pid;
error_log ${work}/error.log warn;
events { worker_connections 1024; }
http {
  log_format nodes '$request_method $uri $status "$upstream_addr" "$upstream_status"';
  access_log ${work}/access.log nodes;
  client_max_body_size 40m;
  client_body_buffer_size 40m;
  client_body_temp_path ${work}/body;
  proxy_temp_path ${work}/proxy;
  fastcgi_temp_path ${work}/fastcgi;
  uwsgi_temp_path ${work}/uwsgi;
  scgi_temp_path ${work}/scgi;
  upstream nahbar {
${nodes.map((n) => `    server 127.0.0.1:${n.port} max_fails=1 fail_timeout=5s;`).join('\n')}
  }
  server {
    listen 127.0.0.1:${port};
    location / {${proxy}
    }
    location = /admin/posts {${proxy}
      proxy_next_upstream error timeout non_idempotent;
    }
  }
}
`);
  const child = spawn('nginx', ['-c', conf, '-g', 'daemon off;'], { stdio: ['ignore', 'inherit', 'inherit'] });
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 200; i++) {
    try { await fetch(`${base}/healthz`); break; } catch { await new Promise((r) => setTimeout(r, 25)); }
  }
  return {
    base, port,
    /** [method, path, status, upstream addresses, upstream statuses] per request so far. */
    log() {
      return readFileSync(path.join(work, 'access.log'), 'utf8').split('\n').filter(Boolean).map((line) => {
        const m = line.match(/^(\S+) (\S+) (\d+) "([^"]*)" "([^"]*)"$/);
        return m ? [m[1], m[2], Number(m[3]), m[4], m[5]] : [line];
      });
    },
    /** Why nginx could not use a node, per line of its error log so far
     *  (e.g. `connect() failed (111: Connection refused)`). */
    errors() {
      return readFileSync(path.join(work, 'error.log'), 'utf8').split('\n')
        .map((line) => line.match(/\*\d+ (.*?) while /)?.[1]).filter(Boolean);
    },
    async stop() {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGQUIT');
      await exited;
      rmSync(work, { recursive: true, force: true });
    },
  };
}

/**
 * An HTTP client with a cookie jar, as a browser or the staff app: it follows no redirects
 * (their targets are what the tests read). `forwardedFor` is the address the client says it
 * has (nginx appends its own peer to it; Nahbar believes it from a trusted proxy).
 */
export class Client {
  constructor(base, { forwardedFor } = {}) {
    this.base = base;
    this.forwardedFor = forwardedFor;
    this.cookies = new Map();
  }

  async request(pathname, { method = 'GET', headers = {}, body, base = this.base } = {}) {
    const all = { ...headers };
    if (this.cookies.size) all.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    if (this.forwardedFor) all['x-forwarded-for'] = this.forwardedFor;
    const response = await fetch(`${base}${pathname}`, { method, headers: all, body, redirect: 'manual',
      signal: AbortSignal.timeout(60_000) });
    this.lastStatus = response.status;
    for (const cookie of response.headers.getSetCookie()) {
      const [pair] = cookie.split(';');
      const at = pair.indexOf('=');
      this.cookies.set(pair.slice(0, at), pair.slice(at + 1));
    }
    return response;
  }

  /** The CSRF token of the sign-in form (also sets the CSRF cookie). */
  async csrf(base) {
    const html = await (await this.request('/login', { base })).text();
    const token = html.match(/name="csrf_token" value="([^"]+)"/);
    if (!token) throw new Error(`no CSRF field on /login:\n${html.slice(0, 500)}`);
    return token[1];
  }

  /** Signs in; resolves to where the form sent the client (`/admin`, `/login?error=…`). */
  async login(email, password, base) {
    const csrf = await this.csrf(base);
    const form = new URLSearchParams({ csrf_token: csrf, email, password });
    const response = await this.request('/login', { method: 'POST', base, body: form,
      headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    await response.arrayBuffer();
    return response.headers.get('location');
  }

  /** Posts a form with the CSRF token, as a browser without JavaScript does. */
  async postForm(pathname, fields, base) {
    const csrf = await this.csrf(base);
    const form = new URLSearchParams({ csrf_token: csrf, ...fields });
    const response = await this.request(pathname, { method: 'POST', base, body: form,
      headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    await response.arrayBuffer();
    return response;
  }
}

/** A `width`×`height` PNG whose pixels depend on `seed` (so each photo has its own hash). */
export function png(seed, width = 320, height = 240) {
  const raw = Buffer.alloc((width * 3 + 1) * height);
  for (let y = 0; y < height; y++) {
    const row = y * (width * 3 + 1);
    for (let x = 0; x < width; x++) {
      raw[row + 1 + x * 3] = (x + seed * 37) & 255;
      raw[row + 2 + x * 3] = (y + seed * 91) & 255;
      raw[row + 3 + x * 3] = ((x ^ y) + seed) & 255;
    }
  }
  const chunk = (type, data) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const typed = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(zlib.crc32(typed));
    return Buffer.concat([length, typed, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 2; // RGB
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', zlib.deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}
