/* Nahbar compose form: progressive enhancement for <form data-compose>.
 *
 * Without this script the form posts multipart with the photos at full size. With it:
 * - photos are made smaller on the device (longest edge 2048 px, JPEG), previewed, given
 *   a description, reordered and removed before anything is sent,
 * - each photo is uploaded on its own with progress (`POST /admin/media`), then the post
 *   is sent with the photos' hashes (`POST /admin/posts`, JSON answer); an error keeps the
 *   form as it is and photos already uploaded are not sent again,
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
    (children || []).forEach(function (c) { node.appendChild(c); });
    return node;
  }

  function randomKey() {
    if (window.crypto && crypto.randomUUID) return crypto.randomUUID();
    var bytes = new Uint8Array(16);
    crypto.getRandomValues(bytes);
    return Array.prototype.map.call(bytes, function (b) { return (b + 256).toString(16).slice(1); }).join('');
  }

  // ----- idempotency key and kind ------------------------------------------------------

  var keyInput = form.querySelector('[data-idempotency]');
  if (keyInput && !keyInput.value) keyInput.value = randomKey();

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
  }

  // ----- sending -----------------------------------------------------------------------

  var alertBox = el('p', { class: 'message problem', role: 'alert' });
  var actions = form.querySelector('.actions') || buttons[buttons.length - 1];
  actions.parentNode.insertBefore(alertBox, actions);

  function setBusy(on) {
    busy = on;
    buttons.forEach(function (b) { if (on) b.setAttribute('aria-disabled', 'true'); else b.removeAttribute('aria-disabled'); });
  }

  function parse(body) {
    try { return JSON.parse(body) || {}; } catch (e) { return {}; }
  }

  /** What the server said: the `error` of a JSON answer, else the start of its text. */
  function problem(status, body) {
    return parse(body).error || String(body || '').slice(0, 300) || 'HTTP ' + status;
  }

  function upload(p, n, total) {
    return new Promise(function (resolve, reject) {
      var xhr = new XMLHttpRequest();
      var shown = -10;
      var say = function (percent) { // in steps of 10 %, so screen readers are not flooded
        if (percent === shown || (percent < shown + 10 && percent < 100)) return;
        shown = percent;
        status.textContent = fill(text.textUploading, { n: n, total: total, percent: percent });
      };
      xhr.open('POST', '/admin/media');
      xhr.setRequestHeader('x-csrf-token', csrf);
      xhr.setRequestHeader('Accept', 'application/json');
      xhr.upload.onprogress = function (e) { if (e.lengthComputable) say(Math.round((e.loaded / e.total) * 100)); };
      xhr.onload = function () {
        var hash = parse(xhr.responseText).hash;
        if (xhr.status >= 200 && xhr.status < 300 && hash) { p.hash = hash; resolve(); }
        else reject(new Error(problem(xhr.status, xhr.responseText)));
      };
      xhr.onerror = xhr.ontimeout = function () { reject(new Error(OFFLINE)); };
      say(0);
      var body = new FormData();
      body.append('photo', p.blob, p.name);
      xhr.send(body);
    });
  }

  function send(intent) {
    setBusy(true);
    alertBox.textContent = '';
    return preparing.then(function () {
      var waiting = photos.filter(function (p) { return !p.hash; });
      return waiting.reduce(function (done, p, i) {
        return done.then(function () { return upload(p, i + 1, waiting.length); });
      }, Promise.resolve());
    }).then(function () {
      var body = new FormData(form);
      ['photo', 'photo_hash', 'alt', 'intent'].forEach(function (name) { body.delete(name); });
      photos.forEach(function (p) { body.append('photo_hash', p.hash); body.append('alt', p.alt.value); });
      body.append('intent', intent);
      return fetch(form.getAttribute('action'), {
        method: 'POST', body: body, credentials: 'same-origin',
        headers: { Accept: 'application/json', 'x-csrf-token': csrf },
      }).catch(function () { throw new Error(OFFLINE); });
    }).then(function (res) {
      return res.text().then(function (body) {
        var answer = parse(body);
        if (!res.ok || answer.id == null) {
          // The server lost a photo (or never had it): upload them all again next time.
          if (answer.code === 'photo') photos.forEach(function (p) { p.hash = null; });
          throw new Error(problem(res.status, body));
        }
        sent = true;
        status.textContent = '';
        location.assign('/admin/posts?created=' + encodeURIComponent(answer.id));
      });
    }).catch(function (error) {
      status.textContent = '';
      alertBox.textContent = error.message || OFFLINE;
      // Into view, clear of the sticky buttons (whose bar may cover the page's lower end).
      if (alertBox.scrollIntoView) alertBox.scrollIntoView({ block: 'center' });
      setBusy(false);
    });
  }

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
    form.reset();
    photos.splice(0).forEach(function (p) { list.removeChild(p.li); URL.revokeObjectURL(p.url); });
    render();
    showKind();
    keyInput.value = randomKey();
    if (resyncPlace) resyncPlace();
  });
})();
