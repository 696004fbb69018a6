#!/usr/bin/env node
// The fediverse test peer: a small, independent ActivityPub server built on Fedify
// (@fedify/fedify 2.3.6), so Nahbar's federation is judged by a real implementation and not
// only by its own code. It serves two actors (`alice`, and `mallory` whose key is used to
// forge requests), a shared inbox, and a JSON control API the Rust and Node tests drive.
//
//   node tests/fediverse/peer.mjs [--port 0] [--first-knock rfc9421|draft-cavage-http-signatures-12]
//
// prints `FEDIFY_PEER_READY port=<port> origin=http://localhost:<port>` once it listens.
// Actor ids use `localhost`, never `127.0.0.1`: Fedify, like Mastodon, keys everything on the
// host name. The control API is described in ./README.md; its code is in ./control.mjs.

import http from "node:http";
import { readFile } from "node:fs/promises";
import { parseArgs } from "node:util";
import { createFederation, importJwk, MemoryKvStore } from "@fedify/fedify";
import { Accept, Activity, Endpoints, Note, Person } from "@fedify/fedify/vocab";
import { describeActivity } from "./describe.mjs";
import { control } from "./control.mjs";

const { values: args } = parseArgs({
  options: {
    port: { type: "string", default: process.env.FEDIFY_PEER_PORT ?? "0" },
    // Fedify's own default: try RFC 9421 first, fall back to draft-cavage on a 4xx/5xx
    // ("double knocking"), as a Fedify-based server in the wild does.
    "first-knock": { type: "string", default: "rfc9421" },
  },
});

const keyFile = JSON.parse(await readFile(new URL("./keys.json", import.meta.url), "utf8"));
const ACTORS = { alice: "Alice Peer", mallory: "Mallory Forger" };
const keyPairs = {};
for (const name of Object.keys(ACTORS)) {
  keyPairs[name] = {
    privateKey: await importJwk(keyFile[name].privateKey, "private"),
    publicKey: await importJwk(keyFile[name].publicKey, "public"),
  };
}

/** Everything the control API reads and the inbox writes. */
export const state = {
  seq: 0,
  received: [],
  fetches: [],
  // How the inbox answers: `respond` null (let Fedify answer), a status code, or "reset"
  // (drop the connection); `delayMs` before answering; `remaining` answers, then normal.
  mode: { respond: null, delayMs: 0, remaining: null },
  authorizedFetch: false,
  follows: new Map(),
  notes: new Map(),
  waiters: new Set(),
};

const server = http.createServer();
await new Promise((resolve) => server.listen(Number(args.port), "127.0.0.1", resolve));
const port = server.address().port;
const origin = `http://localhost:${port}`;

const federation = createFederation({
  kv: new MemoryKvStore(),
  origin,
  allowPrivateAddress: true,
  firstKnock: args["first-knock"],
});

federation
  .setActorDispatcher("/users/{identifier}", async (ctx, identifier) => {
    if (!(identifier in ACTORS)) return null;
    const keys = await ctx.getActorKeyPairs(identifier);
    return new Person({
      id: ctx.getActorUri(identifier),
      preferredUsername: identifier,
      name: ACTORS[identifier],
      url: ctx.getActorUri(identifier),
      inbox: ctx.getInboxUri(identifier),
      endpoints: new Endpoints({ sharedInbox: ctx.getInboxUri() }),
      publicKey: keys[0].cryptographicKey,
      assertionMethods: keys.map((k) => k.multikey),
    });
  })
  .setKeyPairsDispatcher((_ctx, identifier) =>
    identifier in keyPairs ? [keyPairs[identifier]] : [],
  )
  .authorize(async (ctx) => {
    const key = await ctx.getSignedKey();
    if (ctx.data != null) ctx.data.signedBy = key?.id?.href ?? null;
    return !state.authorizedFetch || key != null;
  });

federation
  .setObjectDispatcher(Note, "/notes/{id}", (_ctx, { id }) => state.notes.get(id) ?? null)
  .authorize(async (ctx) => !state.authorizedFetch || (await ctx.getSignedKey()) != null);

federation
  .setInboxListeners("/users/{identifier}/inbox", "/inbox")
  .on(Activity, async (ctx, activity) => {
    const entry = ctx.data;
    entry.verified = true;
    entry.activity = await describeActivity(activity, ctx);
    if (activity instanceof Accept) {
      const followId = activity.objectId?.href;
      const follow = state.follows.get(followId);
      if (follow != null && follow.target === activity.actorId?.href) follow.accepted = true;
    }
  })
  .onUnverifiedActivity((ctx, activity, reason) => {
    const entry = ctx.data;
    entry.failure = reason.type;
    entry.keyId = reason.keyId?.href ?? entry.keyId;
    entry.activity = { type: activity.constructor.name, id: activity.id?.href ?? null };
  });

function signatureInfo(headers) {
  if (headers.has("signature-input")) return { spec: "rfc9421", keyId: null };
  const signature = headers.get("signature");
  if (signature == null) return { spec: null, keyId: null };
  return { spec: "draft-cavage", keyId: /keyId="([^"]*)"/.exec(signature)?.[1] ?? null };
}

function record(entry) {
  state.received.push(entry);
  for (const wake of state.waiters) wake();
}

const isInbox = (path) => path === "/inbox" || /^\/users\/[^/]+\/inbox$/.test(path);
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function takeMode() {
  const mode = { ...state.mode };
  if (state.mode.remaining != null && --state.mode.remaining <= 0) {
    state.mode = { respond: null, delayMs: 0, remaining: null };
  }
  return mode;
}

async function inbox(request, body, res, socket) {
  const path = new URL(request.url).pathname;
  let json = null;
  try {
    json = JSON.parse(body.toString("utf8"));
  } catch {
    json = null;
  }
  const entry = {
    seq: ++state.seq,
    at: new Date().toISOString(),
    path,
    inbox: path === "/inbox" ? "shared" : path.split("/")[2],
    ...signatureInfo(request.headers),
    forced: null,
    status: null,
    verified: false,
    failure: null,
    activityId: json?.id ?? null,
    type: json?.type ?? null,
    activity: null,
    json,
  };
  const mode = takeMode();
  if (mode.delayMs > 0) await sleep(mode.delayMs);
  if (mode.respond === "reset") {
    entry.forced = "reset";
    record(entry);
    socket.destroy();
    return;
  }
  if (mode.respond != null) {
    entry.forced = String(mode.respond);
    entry.status = Number(mode.respond);
    record(entry);
    res.writeHead(entry.status, { "content-type": "text/plain" }).end("forced by test mode");
    return;
  }
  const response = await federation.fetch(request, { contextData: entry });
  const text = await response.text();
  entry.status = response.status;
  if (response.status === 401 && entry.failure == null) {
    entry.failure = /do not match/.test(text) ? "actorKeyMismatch" : "unverified";
  } else if (/already been processed/.test(text)) {
    entry.failure = "duplicate";
  } else if (response.status >= 400 && entry.failure == null) {
    entry.failure = text.slice(0, 200);
  }
  record(entry);
  res.writeHead(response.status, Object.fromEntries(response.headers)).end(text);
}

function toRequest(req, body) {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    for (const v of Array.isArray(value) ? value : [value]) headers.append(name, v);
  }
  const hasBody = req.method !== "GET" && req.method !== "HEAD";
  return new Request(new URL(req.url, `http://${req.headers.host ?? `localhost:${port}`}`), {
    method: req.method,
    headers,
    body: hasBody ? body : undefined,
  });
}

async function readBody(req) {
  const chunks = [];
  for await (const chunk of req) chunks.push(chunk);
  return Buffer.concat(chunks);
}

server.on("request", async (req, res) => {
  try {
    const body = await readBody(req);
    const request = toRequest(req, body);
    const path = new URL(request.url).pathname;
    if (path.startsWith("/_control/")) {
      const ctx = federation.createContext(new URL(origin), null);
      const { status, json } = await control({ ctx, state, origin, keyPairs, request, body });
      res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(json));
    } else if (req.method === "POST" && isInbox(path)) {
      await inbox(request, body, res, req.socket);
    } else {
      const fetched = { at: new Date().toISOString(), method: req.method, path, signedBy: null };
      state.fetches.push(fetched);
      const response = await federation.fetch(request, { contextData: fetched });
      const headers = Object.fromEntries(response.headers);
      res.writeHead(response.status, headers).end(Buffer.from(await response.arrayBuffer()));
    }
  } catch (error) {
    res.writeHead(500, { "content-type": "text/plain" }).end(String(error?.stack ?? error));
  }
});

console.log(`FEDIFY_PEER_READY port=${port} origin=${origin}`);
