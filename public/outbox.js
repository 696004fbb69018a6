/* Nahbar outbox: every post composed in the staff app is kept here (IndexedDB) until the
 * server has it, so whatever the network does it arrives exactly once.
 *
 * - An item is keyed by its idempotency key; the server creates at most one post per key
 *   and author and answers a repeat with the first post, also when the first answer was lost.
 * - Photos are blobs in the item. Before uploading one, its content hash (the server's:
 *   SHA-256, first 16 bytes, hex) is asked for (`GET /admin/media/{hash}`), so a photo the
 *   server already has is never sent twice.
 * - One sync at a time (Web Locks), in composition order; a temporary failure (no network,
 *   server down, 5xx) stops the round and retries with backoff; a refusal (4xx: validation,
 *   no longer a member) stops retrying that item and keeps the server's reason.
 * - An item opened for editing is held with a lock of its own and is not sent meanwhile.
 * - Items belong to the account that composed them: another account signed in on the same
 *   phone never sends them.
 *
 * Loaded by app pages (`<script src="/outbox.js">`, which also draws the outbox panel) and by
 * the service worker (`importScripts`, for Background Sync and the share target). Plain
 * ES2017, no modules, no eval: it runs under `script-src 'self'`.
 */
(function (scope) {
  'use strict';

  var DB_NAME = 'nahbar';
  var DB_VERSION = 1;
  var SYNC_LOCK = 'nahbar-outbox';
  var ITEM_LOCK = 'nahbar-outbox-item-';
  var SYNC_TAG = 'nahbar-outbox';
  var FIRST_RETRY = 2000; // ms; doubles per failed attempt
  var MAX_RETRY = 5 * 60 * 1000;
  var TIMEOUT = 30000; // ms without an answer before a request counts as lost
  var UPLOAD_TIMEOUT = 180000;
  var channel = typeof BroadcastChannel === 'function' ? new BroadcastChannel('nahbar-outbox') : null;
  var listeners = [];
  var dbPromise = null;

  // ----- IndexedDB ---------------------------------------------------------------------

  function open() {
    if (dbPromise) return dbPromise;
    dbPromise = new Promise(function (resolve, reject) {
      if (!scope.indexedDB) { reject(storageError('unavailable')); return; }
      var request = scope.indexedDB.open(DB_NAME, DB_VERSION);
      request.onupgradeneeded = function () {
        var db = request.result;
        if (!db.objectStoreNames.contains('outbox')) {
          db.createObjectStore('outbox', { keyPath: 'key' }).createIndex('seq', 'seq');
        }
        if (!db.objectStoreNames.contains('shared')) db.createObjectStore('shared', { keyPath: 'id', autoIncrement: true });
        if (!db.objectStoreNames.contains('sent')) db.createObjectStore('sent', { keyPath: 'key' });
      };
      request.onsuccess = function () {
        var db = request.result;
        db.onversionchange = function () { db.close(); dbPromise = null; };
        resolve(db);
      };
      request.onerror = function () { dbPromise = null; reject(storageError(request.error && request.error.name)); };
      request.onblocked = function () { dbPromise = null; reject(storageError('blocked')); };
    });
    return dbPromise;
  }

  /** An Error whose `storage` says why the browser would not keep the data:
   *  'quota' (no room), 'unavailable' (no IndexedDB, e.g. some private modes) or other. */
  function storageError(name) {
    var error = new Error('storage: ' + name);
    error.storage = name === 'QuotaExceededError' ? 'quota' : (name || 'unavailable');
    return error;
  }

  /** Runs `work(stores...)` in one transaction; resolves with its result once committed. */
  function transact(names, mode, work) {
    return open().then(function (db) {
      return new Promise(function (resolve, reject) {
        var tx;
        try { tx = db.transaction(names, mode); } catch (e) { reject(storageError(e.name)); return; }
        var result;
        tx.oncomplete = function () { resolve(result); };
        tx.onerror = tx.onabort = function () {
          reject(storageError(tx.error ? tx.error.name : 'AbortError'));
        };
        try {
          result = work.apply(null, names.map(function (n) { return tx.objectStore(n); }));
        } catch (e) {
          try { tx.abort(); } catch (ignored) { /* already finished */ }
          reject(storageError(e.name));
        }
      });
    });
  }

  function requestValue(request, into) {
    request.onsuccess = function () { into.value = request.result; };
    return into;
  }

  function all() {
    var out = { value: [] };
    return transact(['outbox'], 'readonly', function (store) {
      return requestValue(store.index('seq').getAll(), out);
    }).then(function () { return out.value || []; });
  }

  function get(key) {
    var out = { value: null };
    return transact(['outbox'], 'readonly', function (store) {
      return requestValue(store.get(key), out);
    }).then(function () { return out.value || null; });
  }

  /** Stores an item: a new one after every other (composition order), an existing one in
   *  its place. Rejects with `storage` = 'quota' when the browser has no room for it. */
  function put(item) {
    return transact(['outbox'], 'readwrite', function (store) {
      var existing = store.get(item.key);
      existing.onsuccess = function () {
        var old = existing.result;
        if (old) {
          item.seq = old.seq;
          item.createdAt = old.createdAt;
          item.lastTriedAt = old.lastTriedAt;
          store.put(item);
          return;
        }
        var last = store.index('seq').openCursor(null, 'prev');
        last.onsuccess = function () {
          item.seq = last.result ? last.result.value.seq + 1 : 1;
          item.createdAt = item.createdAt || Date.now();
          store.put(item);
        };
      };
    }).then(function () { changed(); return item; });
  }

  /** Writes what a sync learned about an item (attempts, hashes), unless it is gone. */
  function update(key, change) {
    return transact(['outbox'], 'readwrite', function (store) {
      var request = store.get(key);
      request.onsuccess = function () {
        if (!request.result) return;
        change(request.result);
        store.put(request.result);
      };
    });
  }

  /** Writes a change to every stored item, in one transaction. */
  function updateAll(change) {
    return transact(['outbox'], 'readwrite', function (store) {
      var request = store.openCursor();
      request.onsuccess = function () {
        var cursor = request.result;
        if (!cursor) return;
        change(cursor.value);
        cursor.update(cursor.value);
        cursor.continue();
      };
    });
  }

  function remove(key) {
    return transact(['outbox'], 'readwrite', function (store) { store.delete(key); }).then(changed);
  }

  function markSent(item, answer) {
    return transact(['outbox', 'sent'], 'readwrite', function (outbox, sent) {
      outbox.delete(item.key);
      sent.put({
        key: item.key, id: answer.id, state: answer.state || '', at: Date.now(),
        userId: item.userId, summary: item.summary || '',
        replayedAfterEdit: !!(answer.replayed && item.editedAt && item.lastTriedAt && item.editedAt > item.lastTriedAt),
      });
    });
  }

  function sentList() {
    var out = { value: [] };
    return transact(['sent'], 'readonly', function (store) {
      return requestValue(store.getAll(), out);
    }).then(function () { return out.value || []; });
  }

  function clearSent() {
    return transact(['sent'], 'readwrite', function (store) { store.clear(); }).then(changed);
  }

  /** Photos (and text) shared to Nahbar from another app, until compose picks them up. */
  function putShared(record) {
    var out = { value: null };
    record.at = Date.now();
    return transact(['shared'], 'readwrite', function (store) {
      return requestValue(store.add(record), out);
    }).then(function () { return out.value; });
  }

  function takeShared(id) {
    var out = { value: null };
    return transact(['shared'], 'readwrite', function (store) {
      var request = store.get(Number(id));
      request.onsuccess = function () { out.value = request.result || null; store.delete(Number(id)); };
      return out;
    }).then(function () { return out.value; });
  }

  // ----- storage room ------------------------------------------------------------------

  /** Whether `bytes` more fit in what the browser grants this site, asked before storing
   *  (an estimate: the put itself still reports a refusal). Also asks to keep the data. */
  function room(bytes) {
    var storage = scope.navigator && scope.navigator.storage;
    if (!storage || !storage.estimate) return Promise.resolve(true);
    if (storage.persist) storage.persist().catch(function () {});
    return storage.estimate().then(function (e) {
      return !e.quota || e.quota - (e.usage || 0) > bytes * 1.1 + 65536;
    }, function () { return true; });
  }

  // ----- change notifications ------------------------------------------------------------

  function changed(detail) {
    var message = detail || { type: 'changed' };
    listeners.forEach(function (fn) { try { fn(message); } catch (e) { /* a listener's bug */ } });
    if (channel) channel.postMessage(message);
  }

  if (channel) {
    channel.onmessage = function (event) {
      listeners.forEach(function (fn) { try { fn(event.data); } catch (e) { /* ignore */ } });
    };
  }

  function subscribe(fn) { listeners.push(fn); }

  // ----- locks -------------------------------------------------------------------------

  function locks() { return scope.navigator && scope.navigator.locks; }

  function withLock(name, options, work) {
    var l = locks();
    if (!l) return work(true);
    return l.request(name, options, work);
  }

  /** Holds `key` for editing until the returned release() (or the page closes); resolves
   *  once any send of it in progress has finished. */
  function holdForEditing(key) {
    var l = locks();
    if (!l) return Promise.resolve(function () {});
    return new Promise(function (resolve) {
      l.request(ITEM_LOCK + key, function () {
        return new Promise(function (release) { resolve(release); });
      });
    });
  }

  // ----- talking to the server -----------------------------------------------------------

  /** One request; resolves {status, body, json, redirected, network} and never rejects. */
  function call(method, url, body, csrf, options) {
    options = options || {};
    var headers = { Accept: 'application/json' };
    if (csrf) headers['x-csrf-token'] = csrf;
    if (options.progress && typeof XMLHttpRequest === 'function') {
      return new Promise(function (resolve) {
        var xhr = new XMLHttpRequest();
        xhr.open(method, url);
        Object.keys(headers).forEach(function (h) { xhr.setRequestHeader(h, headers[h]); });
        xhr.timeout = options.timeout || TIMEOUT;
        xhr.upload.onprogress = function (e) { if (e.lengthComputable) options.progress(e.loaded / e.total); };
        xhr.onload = function () {
          var redirected = xhr.responseURL && new URL(xhr.responseURL).pathname === '/login';
          resolve(answer(xhr.status, xhr.responseText, redirected));
        };
        xhr.onerror = xhr.ontimeout = xhr.onabort = function () { resolve({ network: true, status: 0 }); };
        xhr.send(body);
      });
    }
    var controller = typeof AbortController === 'function' ? new AbortController() : null;
    var timer = controller && setTimeout(function () { controller.abort(); }, options.timeout || TIMEOUT);
    return fetch(url, {
      method: method, body: body, headers: headers, credentials: 'same-origin', cache: 'no-store',
      signal: controller ? controller.signal : undefined,
    }).then(function (res) {
      return res.text().then(function (text) {
        var redirected = res.redirected && new URL(res.url).pathname === '/login';
        return answer(res.status, text, redirected);
      });
    }).catch(function () {
      return { network: true, status: 0 };
    }).then(function (result) { if (timer) clearTimeout(timer); return result; });
  }

  function answer(status, text, redirected) {
    var json = null;
    try { json = JSON.parse(text); } catch (e) { /* not JSON */ }
    return { status: status, body: text || '', json: json || {}, redirected: !!redirected, network: false };
  }

  /** What to do after an answer: 'ok', 'retry' (temporary), 'signin', 'csrf' or 'refused'. */
  function classify(result) {
    if (result.network) return 'retry';
    if (result.redirected || result.status === 401) return 'signin';
    if (result.status >= 200 && result.status < 300) return 'ok';
    if (result.status === 403 && /CSRF/.test(result.body)) return 'csrf';
    if (result.status === 408 || result.status === 429 || result.status >= 500) return 'retry';
    return 'refused';
  }

  function reason(result) {
    return result.json.error || String(result.body || '').slice(0, 300) || ('HTTP ' + result.status);
  }

  /** The server's content hash of a blob: SHA-256, first 16 bytes, hex. */
  function hashBlob(blob) {
    if (!scope.crypto || !scope.crypto.subtle) return Promise.resolve(null);
    return blob.arrayBuffer().then(function (buffer) {
      return scope.crypto.subtle.digest('SHA-256', buffer);
    }).then(function (digest) {
      return Array.prototype.map.call(new Uint8Array(digest).slice(0, 16), function (b) {
        return (b + 256).toString(16).slice(1);
      }).join('');
    });
  }

  function session() {
    return call('GET', '/admin/outbox/session', undefined, null, { timeout: 10000 }).then(function (result) {
      var kind = classify(result);
      if (kind === 'ok' && result.json.user_id != null) return { user: result.json.user_id, csrf: result.json.csrf };
      return { problem: kind === 'ok' ? 'retry' : kind };
    });
  }

  /** Sends one item: its photos the server lacks, then the post. Resolves an outcome. */
  function send(item, csrf, progress) {
    var photos = item.photos || [];
    var chain = Promise.resolve({ kind: 'ok' });
    photos.forEach(function (photo, index) {
      chain = chain.then(function (previous) {
        if (previous.kind !== 'ok' || photo.uploaded) return previous;
        return (photo.hash || !photo.blob ? Promise.resolve(photo.hash) : hashBlob(photo.blob)).then(function (hash) {
          photo.hash = hash;
          if (!hash) return { status: 404, json: {}, body: '' };
          return call('GET', '/admin/media/' + encodeURIComponent(hash), undefined, null);
        }).then(function (known) {
          if (known.status === 200) return { kind: 'ok', hash: photo.hash };
          if (known.status !== 404) return { kind: classify(known), result: known };
          if (!photo.blob) return { kind: 'refused', error: item.texts && item.texts.photoMissing };
          var body = new FormData();
          body.append('photo', photo.blob, photo.name || 'photo.jpg');
          if (progress) progress({ key: item.key, photo: index + 1, photos: photos.length, share: 0 });
          return call('POST', '/admin/media', body, csrf, {
            timeout: UPLOAD_TIMEOUT,
            progress: progress && function (share) {
              progress({ key: item.key, photo: index + 1, photos: photos.length, share: share });
            },
          }).then(function (up) {
            var kind = classify(up);
            return kind === 'ok' && up.json.hash ? { kind: 'ok', hash: up.json.hash } : { kind: kind === 'ok' ? 'retry' : kind, result: up };
          });
        }).then(function (outcome) {
          if (outcome.kind !== 'ok') return outcome;
          photo.hash = outcome.hash;
          photo.uploaded = true;
          return update(item.key, function (stored) {
            var same = stored.photos && stored.photos[index];
            if (same && same.blob === photo.blob) { same.hash = photo.hash; same.uploaded = true; }
            if (same && !same.blob && same.hash === photo.hash) same.uploaded = true;
          }).then(function () { return outcome; }, function () { return outcome; });
        });
      });
    });
    return chain.then(function (outcome) {
      if (outcome.kind !== 'ok') return outcome;
      var body = new FormData();
      (item.fields || []).forEach(function (pair) { body.append(pair[0], pair[1]); });
      body.append('idempotency_key', item.key);
      photos.forEach(function (photo) { body.append('photo_hash', photo.hash); body.append('alt', photo.alt || ''); });
      if (progress) progress({ key: item.key, photo: photos.length, photos: photos.length, share: 1, creating: true });
      return call('POST', '/admin/posts', body, csrf).then(function (result) {
        var kind = classify(result);
        if (kind === 'ok' && result.json.id != null) return { kind: 'sent', answer: result.json };
        if (kind === 'refused' && result.json.code === 'photo') {
          // The server lost a photo it had said it had: upload them all again.
          return update(item.key, function (stored) {
            (stored.photos || []).forEach(function (p) { p.uploaded = false; });
          }).then(function () { return { kind: 'retry', result: result }; });
        }
        return { kind: kind === 'ok' ? 'retry' : kind, result: result };
      });
    });
  }

  /** Sends one item now without keeping it (when the phone refuses to store it). */
  function sendNow(item, progress) {
    return session().then(function (who) {
      if (who.problem) return { kind: who.problem === 'signin' ? 'signin' : 'retry' };
      return send(item, who.csrf, progress).then(function (outcome) {
        if (outcome.kind === 'refused' && !outcome.error && outcome.result) outcome.error = reason(outcome.result);
        return outcome;
      });
    });
  }

  function backoff(attempts) {
    var base = Math.min(MAX_RETRY, FIRST_RETRY * Math.pow(2, Math.max(0, attempts - 1)));
    return Math.round(base * (0.75 + Math.random() * 0.5));
  }

  /**
   * Sends what waits, oldest first, one sync at a time across tabs and the service worker.
   * options: force (ignore the backoff), own (a key whose edit lock the caller holds),
   * progress(fn). Resolves {offline, signin, outcomes: {key: {kind, id, error}}, remaining}.
   */
  function sync(options) {
    options = options || {};
    return withLock(SYNC_LOCK, {}, function () {
      var report = { outcomes: {}, remaining: 0, offline: false, signin: false };
      return all().then(function (items) {
        if (!items.length) return report;
        return session().then(function (who) {
          if (who.problem) {
            report.offline = who.problem === 'retry';
            report.signin = who.problem === 'signin';
            report.remaining = items.length;
            var note = report.signin ? 'signin' : 'offline';
            return updateAll(function (stored) {
              if (stored.state !== 'refused') stored.state = note;
            }).then(function () { changed(); return report; });
          }
          return items.reduce(function (done, item) {
            return done.then(function (stop) {
              if (stop) { report.remaining++; return stop; }
              return step(item, who, options, report);
            });
          }, Promise.resolve(false)).then(function () { return report; });
        });
      });
    }).then(function (report) {
      schedule();
      return report;
    });
  }

  /** One item of a sync round; resolves true when the round must stop (temporary trouble). */
  function step(item, who, options, report) {
    if (item.userId !== who.user) {
      report.remaining++;
      if (item.state === 'other-user') return Promise.resolve(false);
      return update(item.key, function (s) { s.state = 'other-user'; }).then(function () { return false; });
    }
    if (item.state === 'refused') { report.remaining++; return Promise.resolve(false); }
    if (!options.force && item.nextAttemptAt && item.nextAttemptAt > Date.now()) {
      report.remaining++;
      return Promise.resolve(true); // keep the order: nothing after it goes first
    }
    // The caller editing this item holds its lock already; anyone else must get it, and
    // does not when the item is open for editing.
    var run = options.own === item.key ? function (work) { return work(true); }
      : function (work) { return withLock(ITEM_LOCK + item.key, { ifAvailable: true }, work); };
    return run(function (lock) {
      if (lock === null) { report.remaining++; report.outcomes[item.key] = { kind: 'editing' }; return false; }
      return get(item.key).then(function (current) {
        if (!current) return false; // deleted meanwhile
        return update(current.key, function (s) { s.state = 'sending'; s.lastTriedAt = Date.now(); })
          .then(function () {
            changed({ type: 'sending', key: current.key });
            current.lastTriedAt = Date.now();
            return send(current, who.csrf, options.progress);
          })
          .then(function (outcome) { return settle(current, outcome, report); });
      });
    });
  }

  function settle(item, outcome, report) {
    if (outcome.kind === 'sent') {
      report.outcomes[item.key] = { kind: 'sent', id: outcome.answer.id, state: outcome.answer.state };
      return markSent(item, outcome.answer).then(function () { changed({ type: 'sent', key: item.key, id: outcome.answer.id }); return false; });
    }
    if (outcome.kind === 'refused') {
      var error = outcome.error || (outcome.result ? reason(outcome.result) : 'refused');
      report.outcomes[item.key] = { kind: 'refused', error: error };
      report.remaining++;
      return update(item.key, function (s) { s.state = 'refused'; s.error = error; s.nextAttemptAt = 0; })
        .then(function () { changed(); return false; });
    }
    // Temporary: no network, server down, signed out, stale CSRF token. Later, in order.
    var attempts = (item.attempts || 0) + 1;
    var state = outcome.kind === 'signin' ? 'signin' : 'retry';
    report.outcomes[item.key] = { kind: state };
    report.remaining++;
    if (state === 'signin') report.signin = true; else report.offline = true;
    return update(item.key, function (s) {
      s.state = state;
      s.attempts = attempts;
      s.nextAttemptAt = Date.now() + backoff(attempts);
      s.error = outcome.result ? (outcome.result.network ? '' : reason(outcome.result)) : '';
    }).then(function () { changed(); return true; });
  }

  // ----- when to sync ------------------------------------------------------------------

  var timer = null;
  var isWindow = typeof document !== 'undefined';

  /** Retries at the earliest due time (pages), and asks for Background Sync (the service
   *  worker gets a `sync` event when the connection is back, even with no page open). */
  function schedule() {
    return all().then(function (items) {
      var waiting = items.filter(function (i) { return i.state !== 'refused'; });
      if (!waiting.length) return;
      if (isWindow) {
        var due = Math.min.apply(null, waiting.map(function (i) { return i.nextAttemptAt || 0; }));
        clearTimeout(timer);
        timer = setTimeout(function () { sync(); }, Math.max(1000, due - Date.now()));
      }
      requestBackgroundSync();
    }).catch(function () {});
  }

  function requestBackgroundSync() {
    var sw = scope.navigator && scope.navigator.serviceWorker;
    var registration = scope.registration || null;
    var ready = registration ? Promise.resolve(registration) : (sw && sw.controller ? sw.ready : Promise.resolve(null));
    return ready.then(function (reg) {
      if (reg && reg.sync) return reg.sync.register(SYNC_TAG);
    }).catch(function () { /* not supported or not allowed: the pages retry */ });
  }

  // ----- small DOM helpers (also used by compose.js) ------------------------------------

  function fill(template, values) {
    return String(template || '').replace(/\{(\w+)\}/g, function (all, key) {
      return Object.prototype.hasOwnProperty.call(values, key) ? String(values[key]) : all;
    });
  }

  function el(tag, props, children) {
    var node = document.createElement(tag);
    Object.keys(props || {}).forEach(function (k) {
      if (k === 'text') node.textContent = props[k]; else node.setAttribute(k, props[k]);
    });
    (children || []).forEach(function (c) { if (c) node.appendChild(c); });
    return node;
  }

  scope.NahbarOutbox = {
    SYNC_TAG: SYNC_TAG,
    all: all,
    get: get,
    put: put,
    remove: remove,
    sentList: sentList,
    clearSent: clearSent,
    putShared: putShared,
    takeShared: takeShared,
    room: room,
    subscribe: subscribe,
    holdForEditing: holdForEditing,
    hashBlob: hashBlob,
    sync: sync,
    sendNow: sendNow,
    schedule: schedule,
    requestBackgroundSync: requestBackgroundSync,
    fill: fill,
    el: el,
  };

  if (!isWindow) return;

  // ----- the outbox panel on app pages -----------------------------------------------------

  var progressText = {};
  var urls = [];

  function render() {
    var panels = document.querySelectorAll('[data-outbox]');
    if (!panels.length) return Promise.resolve();
    var me = Number((document.querySelector('[data-outbox]') || {}).dataset.user || NaN);
    return Promise.all([all(), sentList()]).then(function (lists) {
      var items = lists[0];
      var sent = lists[1].filter(function (s) { return s.userId === me && Date.now() - s.at < 86400000; });
      urls.forEach(function (u) { URL.revokeObjectURL(u); });
      urls = [];
      panels.forEach(function (panel) { draw(panel, items, sent); });
    }).catch(function (error) {
      panels.forEach(function (panel) {
        if (error.storage === 'unavailable') {
          panel.hidden = false;
          panel.querySelector('[data-outbox-summary]').textContent = texts(panel).noStorage || '';
        }
      });
    });
  }

  /** The panel's texts (one JSON attribute): {waitingOne, waiting, refused, …}. */
  function texts(panel) {
    if (!panel.nahbarTexts) {
      try { panel.nahbarTexts = JSON.parse(panel.dataset.texts || '{}'); } catch (e) { panel.nahbarTexts = {}; }
    }
    return panel.nahbarTexts;
  }

  function stateText(t, item) {
    switch (item.state) {
      case 'sending': return progressText[item.key] || t.sending;
      case 'refused': return fill(t.refused, { error: item.error || '' });
      case 'signin': return t.signin;
      case 'other-user': return t.otherUser;
      case 'retry':
        if (item.nextAttemptAt && item.nextAttemptAt > Date.now()) {
          return fill(t.retry, { time: new Date(item.nextAttemptAt).toLocaleTimeString(document.documentElement.lang || undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit' }) })
            + (item.error ? ' (' + item.error + ')' : '');
        }
        return t.waiting;
      default: return t.waiting;
    }
  }

  function draw(panel, items, sent) {
    var t = texts(panel);
    var list = panel.querySelector('[data-outbox-list]');
    var summary = panel.querySelector('[data-outbox-summary]');
    var actions = panel.querySelector('[data-outbox-actions]');
    var sentNote = panel.querySelector('[data-outbox-sent]');
    var refused = items.filter(function (i) { return i.state === 'refused'; }).length;
    var waiting = items.length - refused;
    panel.hidden = items.length === 0 && sent.length === 0;
    var parts = [];
    if (waiting === 1) parts.push(t.waitingOne);
    if (waiting > 1) parts.push(fill(t.waitingMany, { n: waiting }));
    if (refused) parts.push(fill(t.refusedCount, { n: refused }));
    var line = parts.join(' · ');
    if (summary.textContent !== line) summary.textContent = line;
    actions.hidden = waiting === 0;
    sentNote.hidden = sent.length === 0;
    if (sent.length) {
      var later = sent.filter(function (s) { return s.replayedAfterEdit; }).length;
      sentNote.querySelector('[data-outbox-sent-text]').textContent =
        fill(sent.length === 1 ? t.sentOne : t.sentMany, { n: sent.length }) + (later ? ' ' + t.editTooLate : '');
    }
    // Rebuilt in place; the focused control keeps focus when its item is still there.
    var focusedKey = document.activeElement && document.activeElement.closest && document.activeElement.closest('[data-outbox-item]');
    var focusRole = focusedKey && document.activeElement.getAttribute('data-role');
    focusedKey = focusedKey && focusedKey.getAttribute('data-outbox-item');
    list.textContent = '';
    items.forEach(function (item) {
      var first = (item.photos || [])[0];
      var thumb = null;
      if (first) {
        var src = first.blob ? URL.createObjectURL(first.blob) : '/media/' + first.thumb + '.jpg';
        if (first.blob) urls.push(src);
        thumb = el('img', { src: src, alt: '', width: '56', height: '56' });
      }
      var count = (item.photos || []).length;
      var summaryText = item.summary || '';
      var li = el('li', { 'data-outbox-item': item.key, class: 'outbox-item state-' + (item.state || 'waiting') }, [
        thumb,
        el('div', { class: 'outbox-body' }, [
          el('p', { class: 'outbox-text', text: summaryText }),
          count ? el('p', { class: 'help', text: fill(count === 1 ? t.photoOne : t.photosMany, { n: count }) }) : null,
          el('p', { class: 'outbox-state' + (item.state === 'refused' ? ' problem' : ''), text: stateText(t, item) }),
          item.state === 'signin' ? el('p', {}, [el('a', { href: '/login?next=' + encodeURIComponent(location.pathname), text: t.signinLink })]) : null,
          el('div', { class: 'card-actions' }, [
            item.state === 'other-user' ? null : el('a', { class: 'button small', href: '/admin/posts/new?outbox=' + encodeURIComponent(item.key), 'data-role': 'edit', text: t.edit }, [el('span', { class: 'visually-hidden', text: '(' + summaryText.slice(0, 40) + ')' })]),
            el('button', { type: 'button', class: 'small', 'data-role': 'delete', text: t.delete }, [el('span', { class: 'visually-hidden', text: '(' + summaryText.slice(0, 40) + ')' })]),
          ]),
        ]),
      ]);
      li.querySelector('[data-role="delete"]').addEventListener('click', function () {
        if (!window.confirm(t.confirmDelete)) return;
        remove(item.key).then(render);
      });
      list.appendChild(li);
    });
    if (focusedKey) {
      var again = list.querySelector('[data-outbox-item="' + focusedKey + '"] [data-role="' + focusRole + '"]');
      if (again) again.focus();
    }
  }

  function onProgress(p) {
    var panel = document.querySelector('[data-outbox]');
    if (!panel) return;
    var t = texts(panel);
    progressText[p.key] = p.creating ? t.sending
      : fill(t.uploading, { n: p.photo, total: p.photos, percent: Math.round(p.share * 100) });
    var node = document.querySelector('[data-outbox-item="' + p.key + '"] .outbox-state');
    if (node) node.textContent = progressText[p.key];
  }

  subscribe(function () { render(); });

  function start() {
    document.querySelectorAll('[data-outbox]').forEach(function (panel) {
      var retry = panel.querySelector('[data-outbox-retry]');
      if (retry) retry.addEventListener('click', function () { sync({ force: true, progress: onProgress }).then(render); });
      var dismiss = panel.querySelector('[data-outbox-dismiss]');
      if (dismiss) dismiss.addEventListener('click', function () { clearSent().then(render); });
    });
    render();
    sync({ force: true, progress: onProgress }).then(render, function () {});
    setInterval(function () {
      if (document.querySelector('[data-outbox]:not([hidden])')) render();
    }, 5000);
  }

  scope.NahbarOutbox.render = render;
  scope.NahbarOutbox.onProgress = onProgress;

  // Back online or back to the app: try at once, whatever the backoff says.
  window.addEventListener('online', function () { sync({ force: true, progress: onProgress }).then(render); });
  document.addEventListener('visibilitychange', function () {
    if (document.visibilityState === 'visible') sync({ progress: onProgress }).then(render);
  });

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})(typeof self !== 'undefined' ? self : this);
