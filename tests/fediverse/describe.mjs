// What Fedify understood of an object, as plain JSON for the control API. Everything here
// is read through Fedify's own vocabulary classes (its JSON-LD parsing), never from the raw
// JSON, so a test that checks these fields checks what a real implementation sees. The raw
// JSON is reported beside it for fields Fedify does not model (Mastodon's `blurhash`).

import { Hashtag, Mention, PropertyValue, isActor } from "@fedify/vocab";

const href = (url) => (url == null ? null : url.href);
const text = (value) => (value == null ? null : value.toString());

async function all(iterable) {
  const out = [];
  for await (const item of iterable) out.push(item);
  return out;
}

async function spkiPem(cryptoKey) {
  const der = Buffer.from(await crypto.subtle.exportKey("spki", cryptoKey));
  const lines = der.toString("base64").match(/.{1,64}/g).join("\n");
  return `-----BEGIN PUBLIC KEY-----\n${lines}\n-----END PUBLIC KEY-----\n`;
}

async function describeImage(image) {
  if (image == null) return null;
  const url = image.url;
  return {
    type: image.constructor.typeId?.href ?? image.constructor.name,
    url: url == null ? null : (url.href ?? href(url.href)),
    mediaType: image.mediaType ?? null,
    name: text(image.name),
    width: image.width ?? null,
    height: image.height ?? null,
  };
}

function linkHref(link) {
  if (link == null) return null;
  if (link instanceof URL) return link.href;
  return href(link.href) ?? href(link.id);
}

/** An actor: identity, collections, key (with its owner) and profile fields. */
export async function describeActor(actor, options) {
  if (!isActor(actor)) return null;
  const key = await actor.getPublicKey(options);
  const attachments = await all(actor.getAttachments(options));
  const endpoints = actor.endpoints;
  return {
    type: actor.constructor.name,
    id: href(actor.id),
    preferredUsername: text(actor.preferredUsername),
    name: text(actor.name),
    summary: text(actor.summary),
    url: linkHref(actor.url),
    inbox: href(actor.inboxId),
    outbox: href(actor.outboxId),
    followers: href(actor.followersId),
    sharedInbox: href(endpoints?.sharedInbox),
    discoverable: actor.discoverable,
    indexable: actor.indexable,
    manuallyApprovesFollowers: actor.manuallyApprovesFollowers,
    icon: await describeImage(await actor.getIcon(options)),
    image: await describeImage(await actor.getImage(options)),
    publicKey:
      key == null
        ? null
        : { id: href(key.id), owner: href(key.ownerId), pem: await spkiPem(key.publicKey) },
    attachments: attachments.map((a) =>
      a instanceof PropertyValue
        ? { type: "PropertyValue", name: text(a.name), value: text(a.value) }
        : { type: a.constructor.name },
    ),
  };
}

/** A note (or any object): text, addressing, reply target, media, tags and place. */
export async function describeObject(object, options) {
  if (object == null) return null;
  if (isActor(object)) return describeActor(object, options);
  const attachments = await all(object.getAttachments(options));
  const tags = await all(object.getTags(options));
  const place = await object.getLocation(options).catch(() => null);
  return {
    type: object.constructor.name,
    id: href(object.id),
    content: text(object.content),
    summary: text(object.summary),
    name: text(object.name),
    url: linkHref(object.url),
    published: object.published?.toString() ?? null,
    updated: object.updated?.toString() ?? null,
    attributedTo: href(object.attributionId),
    inReplyTo: href(object.replyTargetId),
    to: object.toIds.map(href),
    cc: object.ccIds.map(href),
    attachments: await Promise.all(attachments.map(describeImage)),
    tags: tags.map((t) => ({
      type: t instanceof Hashtag ? "Hashtag" : t instanceof Mention ? "Mention" : t.constructor.name,
      name: text(t.name),
      href: href(t.href),
    })),
    location:
      place == null
        ? null
        : {
            type: place.constructor.name,
            name: text(place.name),
            latitude: place.latitude ?? null,
            longitude: place.longitude ?? null,
          },
  };
}

/** An activity: type, id, actor and its object (embedded objects described in full). */
export async function describeActivity(activity, options) {
  let object = null;
  try {
    object = await activity.getObject(options);
  } catch {
    object = null;
  }
  const inner =
    object != null && typeof object.getObject === "function" && object.actorId !== undefined
      ? await describeActivity(object, options)
      : await describeObject(object, options);
  return {
    type: activity.constructor.name,
    id: href(activity.id),
    actor: href(activity.actorId),
    objectId: href(activity.objectId),
    object: inner,
    to: activity.toIds.map(href),
    cc: activity.ccIds.map(href),
  };
}
