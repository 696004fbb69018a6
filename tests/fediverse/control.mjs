// The peer's control API (JSON in, JSON out), used by the tests to make the peer act like a
// fediverse user and to read what arrived. See ./README.md for every route.

import { parseNodeInfo, SendActivityError, signRequest } from "@fedify/fedify";
import {
  Announce,
  Create,
  Follow,
  isActor,
  Like,
  Mention,
  Note,
  PUBLIC_COLLECTION,
  Undo,
} from "@fedify/fedify/vocab";
import { lookupWebFinger } from "@fedify/webfinger";
import { Temporal } from "@js-temporal/polyfill";
import { describeActor, describeObject } from "./describe.mjs";
import { randomUUID } from "node:crypto";

const ok = (json) => ({ status: 200, json });
const fail = (status, error, detail) => ({ status, json: { error, detail: String(detail ?? "") } });

/**
 * Looks a handle up the way Mastodon does (WebFinger `acct:`, then the `self` link), but over
 * plain http: Fedify's own `lookupObject("@a@host")` only ever asks `https://host`, and the
 * Nahbar under test serves http on loopback. The actor itself is then fetched and parsed by
 * Fedify, and the round trip (WebFinger by the actor's id answers the same `acct:`) is checked
 * with Fedify's own `lookupWebFinger`, which keeps the http scheme of an http resource.
 */
async function lookupHandle(ctx, handle) {
  const match = /^@?([^@\s]+)@([^@\s/]+)$/.exec(handle ?? "");
  if (match == null) return fail(400, "bad_handle", handle);
  const [, user, host] = match;
  const resource = `acct:${user}@${host}`;
  const url = `http://${host}/.well-known/webfinger?resource=${encodeURIComponent(resource)}`;
  const response = await fetch(url, { headers: { accept: "application/jrd+json" } });
  if (!response.ok) return fail(422, "webfinger_status", response.status);
  const type = response.headers.get("content-type") ?? "";
  const jrd = await response.json();
  const self = (jrd.links ?? []).find(
    (l) =>
      l.rel === "self" &&
      (l.type === "application/activity+json" || /application\/ld\+json/.test(l.type ?? "")),
  );
  if (jrd.subject !== resource) return fail(422, "webfinger_subject", jrd.subject);
  if (self?.href == null) return fail(422, "webfinger_no_self_link", JSON.stringify(jrd));
  const actor = await ctx.lookupObject(self.href);
  if (!isActor(actor)) return fail(422, "not_an_actor", self.href);
  const back = await lookupWebFinger(actor.id, { allowPrivateAddress: true });
  const names = [back?.subject, ...(back?.aliases ?? [])];
  return ok({
    webfinger: jrd,
    contentType: type,
    actor: await describeActor(actor, ctx),
    roundTrip: { subject: back?.subject ?? null, ok: names.includes(resource) },
  });
}

/**
 * NodeInfo the way Fedify's `getNodeInfo` reads it (the `/.well-known/nodeinfo` links, then
 * the 2.1 or 2.0 document), parsed strictly by Fedify's `parseNodeInfo`. The two fetches
 * are done here because `getNodeInfo` refuses loopback addresses with no way around it.
 */
async function nodeinfo(base) {
  const wellKnown = await fetch(new URL("/.well-known/nodeinfo", base), { headers: { accept: "application/json" } });
  if (!wellKnown.ok) return fail(422, "nodeinfo_links_status", wellKnown.status);
  const links = await wellKnown.json();
  const link = (links?.links ?? []).find((l) =>
    /^http:\/\/nodeinfo\.diaspora\.software\/ns\/schema\/2\.[01]$/.test(l?.rel ?? ""),
  );
  if (link?.href == null) return fail(422, "nodeinfo_no_link", JSON.stringify(links));
  const response = await fetch(link.href, { headers: { accept: "application/json" } });
  if (!response.ok) return fail(422, "nodeinfo_status", response.status);
  const info = parseNodeInfo(await response.json());
  if (info == null) return fail(422, "nodeinfo_invalid", link.href);
  const plain = JSON.parse(JSON.stringify(info, (_k, v) => (v instanceof URL ? v.href : v)));
  return ok({ links, contentType: response.headers.get("content-type"), nodeinfo: plain });
}

const resolved = new Map();

/** The actor a test names by URL or handle, as Fedify parsed it (cached per run). */
async function target(ctx, name) {
  if (resolved.has(name)) return resolved.get(name);
  let actor;
  if (/^https?:\/\//.test(name ?? "")) actor = await ctx.lookupObject(name);
  else {
    const found = await lookupHandle(ctx, name);
    if (found.status !== 200) throw new Error(`cannot resolve ${name}: ${found.json.error}`);
    actor = await ctx.lookupObject(found.json.actor.id);
  }
  if (!isActor(actor)) throw new Error(`${name} is not an actor`);
  resolved.set(name, actor);
  return actor;
}

/**
 * Delivers `activity` from `as` to `to`'s inbox. `variant` "valid" uses Fedify's own sender
 * (`sendActivity`: JSON-LD compaction, signatures, double knocking); the others sign one
 * request with Fedify's `signRequest` (draft-cavage) and then break it on purpose.
 */
async function deliver({ ctx, keyPairs }, as, to, activity, options) {
  const variant = options.variant ?? "valid";
  const inbox = options.shared ? (to.endpoints?.sharedInbox ?? to.inboxId) : to.inboxId;
  if (variant === "valid") {
    try {
      await ctx.sendActivity({ identifier: as }, to, activity, {
        immediate: true,
        preferSharedInbox: Boolean(options.shared),
      });
      return ok({ ok: true, id: activity.id.href, inbox: inbox.href });
    } catch (error) {
      const status = error instanceof SendActivityError ? error.statusCode : null;
      return ok({ ok: false, id: activity.id.href, status, error: String(error.message) });
    }
  }
  const json = await activity.toJsonLd({ format: "compact", contextLoader: ctx.contextLoader });
  let body = JSON.stringify(json);
  const signer = variant === "other-key" ? "mallory" : as;
  const keyId = new URL(`${ctx.getActorUri(signer).href}#main-key`);
  const offset = variant === "old-date" ? Number(options.date_offset_s ?? -13 * 3600) : 0;
  const currentTime = Temporal.Now.instant().add({ seconds: offset });
  let request = new Request(inbox, {
    method: "POST",
    headers: { "content-type": "application/activity+json", accept: "application/activity+json" },
    body,
  });
  if (variant !== "unsigned") {
    request = await signRequest(request, keyPairs[signer].privateKey, keyId, {
      spec: "draft-cavage-http-signatures-12",
      currentTime,
    });
  }
  if (variant === "tampered") {
    body = JSON.stringify({ ...json, content: "tampered after signing" });
    request = new Request(request.url, { method: "POST", headers: request.headers, body });
  }
  const response = await fetch(request, { redirect: "manual" });
  const sent = Object.fromEntries(request.headers);
  return ok({
    ok: response.ok,
    id: activity.id.href,
    status: response.status,
    body: await response.text(),
    inbox: inbox.href,
    headers: sent,
  });
}

const newId = (origin, kind) => new URL(`/${kind}/${randomUUID()}`, origin);

async function act(env, kind, input) {
  const { ctx, state, origin } = env;
  const as = input.as ?? "alice";
  const to = await target(ctx, input.target);
  const me = ctx.getActorUri(as);
  let activity;
  if (kind === "follow") {
    activity = new Follow({ id: newId(origin, "follows"), actor: me, object: to.id, to: to.id });
    state.follows.set(activity.id.href, { activity, target: to.id.href, accepted: false });
  } else if (kind === "undo") {
    const follow = state.follows.get(input.follow_id);
    if (follow == null) return fail(404, "unknown_follow", input.follow_id);
    activity = new Undo({ id: newId(origin, "undos"), actor: me, object: follow.activity, to: to.id });
  } else if (kind === "reply") {
    const noteId = randomUUID();
    const mention = input.mention === false ? [] : [new Mention({ href: to.id, name: input.mention_name ?? null })];
    const note = new Note({
      id: new URL(`/notes/${noteId}`, origin),
      attribution: me,
      content: input.content ?? "<p>Hello!</p>",
      replyTarget: input.in_reply_to ? new URL(input.in_reply_to) : null,
      to: PUBLIC_COLLECTION,
      cc: to.id,
      tags: mention,
      published: Temporal.Now.instant(),
    });
    state.notes.set(noteId, note);
    activity = new Create({
      id: new URL(`/notes/${noteId}/activity`, origin),
      actor: me,
      object: note,
      to: PUBLIC_COLLECTION,
      cc: to.id,
    });
  } else if (kind === "like") {
    activity = new Like({ id: newId(origin, "likes"), actor: me, object: new URL(input.object), to: to.id });
  } else if (kind === "announce") {
    activity = new Announce({
      id: newId(origin, "announces"),
      actor: me,
      object: new URL(input.object),
      to: PUBLIC_COLLECTION,
      cc: to.id,
    });
  }
  return deliver(env, as, to, activity, input);
}

function query(state, params) {
  const after = Number(params.get("after") ?? 0);
  const type = params.get("type");
  const verified = params.get("verified");
  return state.received.filter(
    (e) =>
      e.seq > after &&
      (type == null || e.type === type) &&
      (verified == null || String(e.verified) === verified),
  );
}

/** Waits (without polling) until `min` matching entries arrived or `timeout_ms` passed. */
async function received(state, params) {
  const min = Number(params.get("min") ?? 0);
  const deadline = Date.now() + Number(params.get("timeout_ms") ?? 0);
  let items = query(state, params);
  while (items.length < min && Date.now() < deadline) {
    await new Promise((resolve) => {
      const wake = () => {
        state.waiters.delete(wake);
        clearTimeout(timer);
        resolve();
      };
      const timer = setTimeout(wake, Math.max(0, deadline - Date.now()));
      state.waiters.add(wake);
    });
    items = query(state, params);
  }
  return ok({ items, count: items.length });
}

export async function control(env) {
  const { ctx, state, origin, request, body } = env;
  const url = new URL(request.url);
  const route = `${request.method} ${url.pathname.replace(/^\/_control/, "")}`;
  let input = {};
  if (body.length > 0) {
    try {
      input = JSON.parse(body.toString("utf8"));
    } catch (error) {
      return fail(400, "bad_json", error);
    }
  }
  try {
    switch (route) {
      case "GET /health":
        return ok({
          ok: true,
          origin,
          actors: Object.fromEntries(
            ["alice", "mallory"].map((n) => [
              n,
              { id: ctx.getActorUri(n).href, inbox: ctx.getInboxUri(n).href, handle: `@${n}@${new URL(origin).host}` },
            ]),
          ),
          sharedInbox: ctx.getInboxUri().href,
        });
      case "POST /lookup":
        return await lookupHandle(ctx, input.handle);
      case "POST /fetch": {
        const documentLoader = input.signed ? await ctx.getDocumentLoader({ identifier: input.as ?? "alice" }) : undefined;
        const object = await ctx.lookupObject(input.url, documentLoader ? { documentLoader } : {});
        if (object == null) return fail(422, "not_found_or_invalid", input.url);
        return ok({ object: await describeObject(object, ctx) });
      }
      case "POST /nodeinfo":
        return await nodeinfo(input.url);
      case "POST /follow":
      case "POST /undo":
      case "POST /reply":
      case "POST /like":
      case "POST /announce":
        return await act(env, route.split("/")[1], input);
      case "GET /follows":
        return ok({
          follows: [...state.follows.entries()].map(([id, f]) => ({ id, target: f.target, accepted: f.accepted })),
        });
      case "GET /received":
        return await received(state, url.searchParams);
      case "GET /fetches":
        return ok({ fetches: state.fetches });
      case "POST /mode":
        state.mode = {
          respond: input.respond ?? null,
          delayMs: Number(input.delay_ms ?? 0),
          remaining: input.times ?? null,
        };
        if (input.authorized_fetch != null) state.authorizedFetch = Boolean(input.authorized_fetch);
        return ok({ mode: state.mode, authorizedFetch: state.authorizedFetch });
      case "POST /reset":
        state.received.length = 0;
        state.fetches.length = 0;
        state.mode = { respond: null, delayMs: 0, remaining: null };
        state.authorizedFetch = false;
        return ok({ ok: true });
      default:
        return fail(404, "unknown_route", route);
    }
  } catch (error) {
    return fail(500, "peer_error", error?.stack ?? error);
  }
}
