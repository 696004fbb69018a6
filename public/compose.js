/* Nahbar compose form: progressive enhancement for <form data-compose>.
 *
 * Without this script the form posts multipart with the photos at full size. With it:
 * - photos are made smaller on the device (longest edge 2048 px, JPEG), previewed, given
 *   a description, reordered and removed before anything is sent,
 * - the post goes into the outbox (`/outbox.js`, on the phone) and is sent from there:
 *   photos the server lacks one by one with progress, then the post with their hashes; a
 *   refusal keeps the form as it is with the reason, no connection keeps the post waiting,
 * - a waiting post opens here for editing (`?outbox=KEY`), shared photos arrive attached
 *   (`?shared=ID` from the service worker, `photo_hash` fields from the server),
 * - the device position is offered as the post's place, snapped to the shop or a POI; the
 *   place can be changed to the shop or one of its POIs (also without a position) or removed,
 * - only the date fields of the chosen kind are shown.
 * Plain ES2017, no modules, no eval, no inline styles: it runs under `script-src 'self'`.
 */
(function () {
  'use strict';

  var MAX_EDGE = 2048;
  var MAX_PHOTOS = 10;
  var THUMB = 96; // px, the preview's longer edge
  var form = document.querySelector('form[data-compose]');
  if (!form) return;
  var text = form.dataset;
  var OFFLINE = text.textOffline || 'Could not reach the server. Nothing is lost: try again in a moment.';
  var csrf = new URL(form.getAttribute('action'), location.href).searchParams.get('csrf_token') || '';
  var fileInput = form.querySelector('input[type="file"][name="photo"]');
  var list = form.querySelector('[data-photo-list]');
  var status = form.querySelector('[data-upload-status]');
  var buttons = form.querySelectorAll('button[type="submit"]');
  var photos = []; // {blob, url, width, height, hash, li, alt}
  var preparing = Promise.resolve();
  var busy = false;
  var sent = false;
  var serial = 0;

  // Loaded before this script on every app page (deferred scripts run in order).
  var Outbox = window.NahbarOutbox;
  var fill = Outbox.fill;
  var el = Outbox.el;

  function randomKey() {
    if (window.crypto && crypto.randomUUID) return crypto.randomUUID();
    var bytes = new Uint8Array(16);
    crypto.getRandomValues(bytes);
    return Array.prototype.map.call(bytes, function (b) { return (b + 256).toString(16).slice(1); }).join('');
  }

  // ----- idempotency key and kind ------------------------------------------------------

  var keyInput = form.querySelector('[data-idempotency]');
  // Always a key of its own: the page may come from the app's cache, with the key the
  // server wrote for a form sent without JavaScript.
  if (keyInput) keyInput.value = randomKey();

  function showKind() {
    var checked = form.querySelector('input[name="kind"]:checked');
    var kind = checked ? checked.value : 'update';
    form.querySelectorAll('[data-for-kind]').forEach(function (block) {
      block.hidden = block.getAttribute('data-for-kind') !== kind;
    });
  }
  form.querySelectorAll('input[name="kind"]').forEach(function (r) { r.addEventListener('change', showKind); });
  showKind();

  // ----- photos ------------------------------------------------------------------------

  function decode(file) {
    if (window.createImageBitmap) {
      return createImageBitmap(file, { imageOrientation: 'from-image' }).catch(function () { return decodeImg(file); });
    }
    return decodeImg(file);
  }

  function decodeImg(file) {
    return new Promise(function (resolve, reject) {
      var img = new Image();
      var url = URL.createObjectURL(file);
      img.onload = function () { URL.revokeObjectURL(url); resolve(img); };
      img.onerror = function () { URL.revokeObjectURL(url); reject(new Error('not an image')); };
      img.src = url;
    });
  }

  /** The photo to upload: at most MAX_EDGE px on the longer edge, as JPEG. Anything the
   *  browser cannot decode is kept as it is (the server then says what is wrong). */
  function prepare(file) {
    return decode(file).then(function (image) {
      var w = image.naturalWidth || image.width;
      var h = image.naturalHeight || image.height;
      var scale = Math.min(1, MAX_EDGE / Math.max(w, h));
      if (scale === 1 && file.type === 'image/jpeg') {
        if (image.close) image.close();
        return { blob: file, width: w, height: h };
      }
      var canvas = el('canvas', { width: Math.round(w * scale), height: Math.round(h * scale) });
      var ctx = canvas.getContext('2d');
      ctx.fillStyle = '#fff'; // transparent PNGs get a white background, not a black one
      ctx.fillRect(0, 0, canvas.width, canvas.height);
      ctx.drawImage(image, 0, 0, canvas.width, canvas.height);
      if (image.close) image.close();
      return new Promise(function (resolve) {
        canvas.toBlob(function (blob) {
          resolve(blob ? { blob: blob, width: canvas.width, height: canvas.height } : { blob: file, width: w, height: h });
        }, 'image/jpeg', 0.85);
      });
    }).catch(function () { return { blob: file, width: 4, height: 3 }; });
  }

  function addFiles(files) {
    files.slice(0, Math.max(0, MAX_PHOTOS - photos.length)).forEach(function (file) {
      preparing = preparing.then(function () { return prepare(file); }).then(function (p) {
        if (photos.length >= MAX_PHOTOS) return;
        p.url = URL.createObjectURL(p.blob);
        p.name = p.blob === file ? file.name : 'photo.jpg';
        p.hash = null;
        photos.push(p);
        build(p);
        render();
      });
    });
  }

  function build(p) {
    var id = 'compose-alt-' + (++serial);
    var fit = THUMB / Math.max(p.width, p.height, 1);
    p.alt = el('input', { id: id, type: 'text', maxlength: '300' });
    p.number = [];
    function number() { var s = el('span', { class: 'visually-hidden' }); p.number.push(s); return s; }
    p.label = el('label', { for: id, text: text.textAlt || '' }, [number()]);
    p.move = el('button', { type: 'button', class: 'small', text: text.textMove || '' }, [number()]);
    p.remove = el('button', { type: 'button', class: 'small', text: text.textRemove || '' }, [number()]);
    p.li = el('li', {}, [
      el('img', { src: p.url, alt: '', width: String(Math.round(p.width * fit)), height: String(Math.round(p.height * fit)) }),
      el('div', { class: 'field' }, [p.label, p.alt]),
      el('div', { class: 'card-actions' }, [p.move, p.remove]),
    ]);
    p.move.addEventListener('click', function () {
      var i = photos.indexOf(p);
      if (i < 1) return;
      photos.splice(i, 1);
      photos.splice(i - 1, 0, p);
      render();
      (i - 1 > 0 ? p.move : p.remove).focus();
    });
    p.remove.addEventListener('click', function () {
      var i = photos.indexOf(p);
      photos.splice(i, 1);
      list.removeChild(p.li);
      URL.revokeObjectURL(p.url);
      render();
      var next = photos[i] || photos[i - 1];
      (next ? next.remove : fileInput).focus();
    });
  }

  function render() {
    photos.forEach(function (p, i) {
      list.appendChild(p.li); // moves it into place, keeping what was typed and focus
      p.move.hidden = i === 0;
      p.number.forEach(function (s) { s.textContent = ' ' + (i + 1); });
    });
    fileInput.disabled = photos.length >= MAX_PHOTOS;
  }

  fileInput.addEventListener('change', function () {
    var files = Array.prototype.slice.call(fileInput.files || []);
    fileInput.value = ''; // the photos go up on their own, not again with the form
    addFiles(files);
  });

  // ----- geotag ------------------------------------------------------------------------

  var geo = form.querySelector('[data-geotag]');
  var select = form.querySelector('select[name="location"]');
  var position = null; // the device fix: {lat, lon, accuracy}
  var chosen = null; // a place picked in "Change place": {label, lat, lon}
  var locating = false;
  var declined = false;
  var resyncPlace = null;
  var restorePlace = null;
  var german = /^de\b/i.test(document.documentElement.lang || '');
  var TEXT_CHANGE = german ? 'Ort ändern' : 'Change place';
  var TEXT_MINE = german ? 'Mein Standort' : 'My position';
  var allPlaces = [];
  try { allPlaces = JSON.parse(text.places || '[]') || []; } catch (e) { /* no places */ }

  function geoInput(name) { return geo.querySelector('input[name="' + name + '"]'); }

  /** The places of the chosen location: [{label, lat, lon}]. */
  function placesHere() {
    var out = [];
    allPlaces.forEach(function (entry) {
      if (String(entry[0]) !== (select && select.value)) return;
      entry[1].forEach(function (place) { out.push({ label: place[0], lat: place[1], lon: place[2] }); });
    });
    return out;
  }

  function distanceM(lat1, lon1, lat2, lon2) {
    var rad = Math.PI / 180;
    var h = Math.pow(Math.sin((lat2 - lat1) * rad / 2), 2) +
      Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.pow(Math.sin((lon2 - lon1) * rad / 2), 2);
    return 2 * 6371008.8 * Math.asin(Math.min(1, Math.sqrt(h)));
  }

  /** The nearest place of the chosen location within max(accuracy, 25) m, as the server snaps. */
  function nearestPlace() {
    var best = null;
    placesHere().forEach(function (place) {
      var d = distanceM(position.lat, position.lon, place.lat, place.lon);
      if (d <= Math.max(position.accuracy, 25) && (!best || d < best.d)) best = { d: d, label: place.label };
    });
    return best && best.label;
  }

  function describe() {
    var out = geo.querySelector('[data-geotag-text]');
    if (chosen) { out.textContent = (text.textAt || '') + ' ' + chosen.label; return; }
    if (!position) { out.textContent = locating ? (text.textLocating || '') : (text.textNoPosition || ''); return; }
    var place = nearestPlace();
    var where = place ? (text.textAt || '') + ' ' + place
      : position.lat.toFixed(6) + ', ' + position.lon.toFixed(6);
    out.textContent = where + ' (±' + Math.round(position.accuracy) + ' m)';
  }

  if (geo && (navigator.geolocation || allPlaces.some(function (entry) { return entry[1].length; }))) {
    geo.hidden = false;
    var removeButton = geo.querySelector('[data-geotag-remove]');
    var placeSelect = el('select', { id: 'compose-place' });
    geo.appendChild(el('div', { class: 'field' }, [
      el('label', { for: 'compose-place', text: TEXT_CHANGE }), placeSelect,
    ]));

    /** The hidden fields, the text, the button and the select as the state says. */
    var update = function () {
      var where = chosen ? { lat: chosen.lat, lon: chosen.lon, accuracy: 0 } : position;
      geoInput('lat').value = where ? where.lat.toFixed(6) : '';
      geoInput('lon').value = where ? where.lon.toFixed(6) : '';
      geoInput('accuracy').value = where ? String(Math.round(where.accuracy)) : '';
      removeButton.hidden = !where && !locating; // while locating, the fix can be declined
      var index = chosen ? placesHere().findIndex(function (p) { return p.label === chosen.label; }) : -1;
      placeSelect.value = index >= 0 ? String(index) : (position ? 'device' : '');
      describe();
    };

    /** The options: the device position (or "No place" without one), then the places. */
    var buildOptions = function () {
      placeSelect.textContent = '';
      placeSelect.appendChild(position
        ? el('option', { value: 'device', text: TEXT_MINE + ' (±' + Math.round(position.accuracy) + ' m)' })
        : el('option', { value: '', text: text.textNoPosition || '' }));
      placesHere().forEach(function (place, i) {
        placeSelect.appendChild(el('option', { value: String(i), text: place.label }));
      });
      if (chosen && !placesHere().some(function (p) { return p.label === chosen.label; })) chosen = null;
      update();
    };

    placeSelect.addEventListener('change', function () {
      var place = placesHere()[Number(placeSelect.value)];
      chosen = placeSelect.value !== '' && placeSelect.value !== 'device' && place ? place : null;
      update();
    });
    removeButton.addEventListener('click', function () {
      declined = true;
      locating = false;
      position = null;
      chosen = null;
      buildOptions();
      var out = geo.querySelector('[data-geotag-text]');
      out.setAttribute('tabindex', '-1'); // focus stays near the button that went away
      out.focus();
    });
    if (select) select.addEventListener('change', buildOptions);

    if (navigator.geolocation) {
      locating = true;
      navigator.geolocation.getCurrentPosition(function (found) {
        if (declined) return;
        locating = false;
        var c = found.coords;
        position = { lat: c.latitude, lon: c.longitude, accuracy: c.accuracy || 0 };
        buildOptions();
      }, function () {
        locating = false;
        if (!position) buildOptions();
      }, { enableHighAccuracy: true, timeout: 15000, maximumAge: 60000 });
    }
    buildOptions();
    resyncPlace = update;
    /** Puts back the place of a post from the outbox (no new device fix replaces it). */
    restorePlace = function (lat, lon, accuracy) {
      declined = true;
      locating = false;
      chosen = null;
      position = null;
      if (lat !== '' && lon !== '') {
        var la = Number(lat), lo = Number(lon), acc = Number(accuracy) || 0;
        var match = placesHere().find(function (p) { return Math.abs(p.lat - la) < 1e-6 && Math.abs(p.lon - lo) < 1e-6; });
        if (acc === 0 && match) chosen = match; else position = { lat: la, lon: lo, accuracy: acc };
      }
      buildOptions();
    };
  }

  // ----- sending, through the outbox ---------------------------------------------------
  //
  // A post is first kept on the phone (IndexedDB, /outbox.js) and then sent from there, so
  // nothing is lost when the connection or the server fails: it waits in the outbox and is
  // sent when the connection is back, exactly once (idempotency key). A refusal by the
  // server keeps the form as it is, with the reason.

  var said = {}; // the outbox's texts for this form
  try { said = JSON.parse(form.dataset.outboxTexts || '{}'); } catch (e) { /* none */ }
  var alertBox = el('p', { class: 'message problem', role: 'alert' });
  var actions = form.querySelector('.actions') || buttons[buttons.length - 1];
  actions.parentNode.insertBefore(alertBox, actions);
  var note = document.querySelector('[data-compose-note]');
  var textArea = form.querySelector('textarea[name="text"]');
  var primary = form.querySelector('button[value="submit"]');
  var primaryLabel = primary ? primary.textContent : '';
  var editingKey = null; // the outbox item this form edits
  var release = null; // ends the hold on that item (it may be sent again)

  function setBusy(on) {
    busy = on;
    buttons.forEach(function (b) { if (on) b.setAttribute('aria-disabled', 'true'); else b.removeAttribute('aria-disabled'); });
  }

  function say(message, kind) {
    if (!note) return;
    note.hidden = !message;
    note.className = 'message' + (kind ? ' ' + kind : '');
    note.textContent = message || '';
  }

  function progress(p) {
    if (Outbox.onProgress) Outbox.onProgress(p);
    if (p.creating) { status.textContent = ''; return; }
    var percent = Math.round(p.share * 100);
    var line = fill(text.textUploading, { n: p.photo, total: p.photos, percent: percent - (percent % 10) });
    if (status.textContent !== line) status.textContent = line; // steps of 10 %: not a flood for screen readers
  }

  /** The form's fields as [name, value] pairs, without photos, key and token. */
  function fields(intent) {
    var pairs = [];
    new FormData(form).forEach(function (value, name) {
      if (typeof value !== 'string') return;
      if (['photo', 'photo_hash', 'alt', 'intent', 'idempotency_key', 'csrf_token'].indexOf(name) >= 0) return;
      pairs.push([name, value]);
    });
    pairs.push(['intent', intent]);
    return pairs;
  }

  function item(intent) {
    return {
      key: editingKey || keyInput.value,
      userId: Number(text.user),
      fields: fields(intent),
      photos: photos.map(function (p) {
        return { blob: p.blob || null, thumb: p.thumb || null, name: p.name || 'photo.jpg', alt: p.alt.value, hash: p.hash || null,
          uploaded: !!p.uploaded, width: p.width, height: p.height };
      }),
      summary: (textArea.value || '').trim().slice(0, 140),
      state: 'waiting', attempts: 0, nextAttemptAt: 0, error: '',
      editedAt: editingKey ? Date.now() : 0,
      texts: { photoMissing: said.photoMissing },
    };
  }

  /** Back to an empty form for the next post (a new key). */
  function fresh() {
    if (release) { release(); release = null; }
    editingKey = null;
    form.reset();
    photos.splice(0).forEach(function (p) { list.removeChild(p.li); if (p.blob) URL.revokeObjectURL(p.url); });
    render();
    showKind();
    keyInput.value = randomKey();
    if (primary) primary.textContent = primaryLabel;
    if (resyncPlace) resyncPlace();
    history.replaceState(null, '', location.pathname);
  }

  /** What the outbox learned about the photos (hashes, uploaded) onto the form's photos. */
  function learn(key) {
    return Outbox.get(key).then(function (stored) {
      (stored && stored.photos || []).forEach(function (s, i) {
        if (photos[i]) { photos[i].hash = s.hash; photos[i].uploaded = s.uploaded; }
      });
    }).catch(function () {});
  }

  function problemShown(message) {
    status.textContent = '';
    alertBox.textContent = message;
    // Into view, clear of the sticky buttons (whose bar may cover the page's lower end).
    if (alertBox.scrollIntoView) alertBox.scrollIntoView({ block: 'center' });
    setBusy(false);
  }

  /** Sends without keeping a copy (when the phone refuses to store it). */
  function sendDirectly(entry, storageProblem) {
    return Outbox.sendNow(entry, progress).then(function (outcome) {
      if (outcome.kind === 'sent') { done(outcome.answer.id); return; }
      problemShown(outcome.kind === 'refused' ? outcome.error : storageProblem + ' ' + OFFLINE);
    });
  }

  function done(id) {
    sent = true;
    status.textContent = '';
    if (release) { release(); release = null; }
    location.assign('/admin/posts?created=' + encodeURIComponent(id));
  }

  function send(intent) {
    setBusy(true);
    alertBox.textContent = '';
    say('');
    var entry;
    return preparing.then(function () {
      entry = item(intent);
      var bytes = entry.photos.reduce(function (sum, p) { return sum + (p.blob ? p.blob.size : 0); }, 0);
      return Outbox.room(bytes).then(function (fits) {
        if (!fits) { var e = new Error('quota'); e.storage = 'quota'; throw e; }
        return Outbox.put(entry);
      }).then(function () {
        var own = editingKey ? entry.key : null;
        return Outbox.sync({ force: true, own: own, progress: progress });
      }).then(function (report) {
        var outcome = report.outcomes[entry.key] || { kind: 'waiting' };
        if (outcome.kind === 'sent') { done(outcome.id); return; }
        return learn(entry.key).then(function () {
          if (outcome.kind === 'refused') {
            // The server said no: the form stays as it is, now editing the kept item.
            if (!editingKey) hold(entry.key);
            problemShown(outcome.error);
            return;
          }
          // Kept for later: the form is free for the next post.
          status.textContent = '';
          setBusy(false);
          fresh();
          say(said.saved, 'ok');
          if (note) { note.setAttribute('tabindex', '-1'); note.focus(); }
        });
      }, function (error) {
        if (!error.storage) throw error;
        // The phone would not keep it: say so, and try to send it right away instead.
        var why = error.storage === 'quota' ? said.quota : said.noStorage;
        problemShown(why);
        setBusy(true);
        return sendDirectly(entry, why);
      });
    }).catch(function (error) {
      problemShown((error && error.message) || OFFLINE);
    });
  }

  /** Holds an outbox item for editing (it is not sent meanwhile). */
  function hold(key, relabel) {
    editingKey = key;
    if (relabel && primary && said.saveChanges) primary.textContent = said.saveChanges;
    return Outbox.holdForEditing(key).then(function (r) {
      if (editingKey === key) release = r; else r();
    });
  }

  /** `?outbox=KEY`: opens a waiting post for editing. */
  function openForEditing(key) {
    say(said.waitingForSend, '');
    setBusy(true);
    return hold(key, true).then(function () { return Outbox.get(key); }).then(function (stored) {
      setBusy(false);
      if (!stored) { fresh(); say(said.editingGone, 'problem'); return; }
      keyInput.value = stored.key;
      var values = {};
      (stored.fields || []).forEach(function (pair) { (values[pair[0]] = values[pair[0]] || []).push(pair[1]); });
      var first = function (name) { return (values[name] || [''])[0]; };
      if (select && first('location')) { select.value = first('location'); select.dispatchEvent(new Event('change')); }
      form.querySelectorAll('input[name="kind"]').forEach(function (r) { r.checked = r.value === (first('kind') || 'update'); });
      showKind();
      textArea.value = first('text');
      ['valid_until', 'starts_at', 'ends_at', 'publish_at'].forEach(function (name) {
        var input = form.querySelector('[name="' + name + '"]');
        if (input) input.value = first(name);
      });
      form.querySelectorAll('input[name="confirm"]').forEach(function (c) { c.checked = (values.confirm || []).indexOf(c.value) >= 0; });
      if (restorePlace) restorePlace(first('lat'), first('lon'), first('accuracy'));
      (stored.photos || []).forEach(function (s) {
        var p = { blob: s.blob, thumb: s.thumb, width: s.width || 4, height: s.height || 3, name: s.name, hash: s.hash, uploaded: s.uploaded };
        p.url = s.blob ? URL.createObjectURL(s.blob) : '/media/' + s.thumb + '.jpg';
        photos.push(p);
        build(p);
        p.alt.value = s.alt || '';
      });
      render();
      if (stored.state === 'refused' && stored.error) alertBox.textContent = stored.error;
      say(said.editing, '');
    }).catch(function () { setBusy(false); say(said.noStorage, 'problem'); });
  }

  /** `?shared=ID`: photos (and text) shared from another app, kept by the service worker. */
  function openShared(id) {
    return Outbox.takeShared(id).then(function (shared) {
      if (!shared) return;
      if (shared.text && !textArea.value) textArea.value = shared.text;
      var files = (shared.files || []).filter(function (f) { return f && f.size; });
      if (files.length) { addFiles(files); say(said.shared, 'ok'); }
    }).catch(function () {});
  }

  // Photos the server already keeps for this form (shared without a service worker).
  form.querySelectorAll('input[data-shared-photo]').forEach(function (input) {
    var p = { blob: null, hash: input.value, uploaded: true, width: 4, height: 3, name: '' };
    p.thumb = input.getAttribute('data-shared-photo'); // `hash-width` of its smallest rendition
    p.url = '/media/' + p.thumb + '.jpg';
    input.parentNode.removeChild(input);
    photos.push(p);
    build(p);
  });
  list.querySelectorAll('[data-shared-preview]').forEach(function (li) { li.parentNode.removeChild(li); });
  render();

  var params = new URLSearchParams(location.search);
  if (params.get('outbox')) openForEditing(params.get('outbox'));
  else if (params.get('shared')) openShared(params.get('shared'));

  var lastClicked = null;
  buttons.forEach(function (b) { b.addEventListener('click', function () { lastClicked = b; }); });
  form.addEventListener('submit', function (event) {
    event.preventDefault();
    if (busy) return;
    var submitter = event.submitter || lastClicked;
    send(submitter && submitter.value ? submitter.value : 'submit');
  });

  // Back to this page after posting (from the back/forward cache): a new post, new key.
  window.addEventListener('pageshow', function (event) {
    if (!event.persisted || !sent) return;
    sent = false;
    setBusy(false);
    fresh();
  });
})();
