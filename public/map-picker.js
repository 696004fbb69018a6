/* Nahbar map picker: progressive enhancement for <fieldset data-map-picker>.
 *
 * Without this script the owner types coordinates and the server parses them. With it:
 * - "Search by coordinates" (the `coords` field) fills latitude/longitude in the browser,
 * - "Use my position" asks the browser for the device position,
 * - and, when Leaflet (window.L, /vendor/leaflet/leaflet.js) is loaded, a map with one
 *   draggable marker is shown, created lazily once the fieldset becomes visible.
 * Plain ES2017, no modules, no eval, no inline markup with scripts or style attributes:
 * it runs under `script-src 'self'; style-src 'self'`.
 */
(function () {
  'use strict';

  var EUROPE = [[35, -11], [62, 32]];
  var POINT_ZOOM = 17;
  var KEY_STEP_PX = 8; // arrow key on the focused marker; Shift moves five times as far
  var TILE_FAIL_ERRORS = 2;
  var NUM = '([-+]?\\d{1,3}(?:\\.\\d+)?)';

  // ----- parsing ---------------------------------------------------------------------

  /** One coordinate typed into a field: "47.9961", "-7,853" (decimal comma), "+7.8". */
  function parseNumber(text) {
    var s = String(text == null ? '' : text).trim().replace(/\u2212/g, '-');
    if (!/^[-+]?\d{1,3}(?:[.,]\d+)?$/.test(s)) return NaN;
    return parseFloat(s.replace(',', '.'));
  }

  function valid(lat, lon) {
    return isFinite(lat) && isFinite(lon) && Math.abs(lat) <= 90 && Math.abs(lon) <= 180;
  }

  function point(lat, lon) {
    lat = typeof lat === 'number' ? lat : parseFloat(lat);
    lon = typeof lon === 'number' ? lon : parseFloat(lon);
    return valid(lat, lon) ? { lat: lat, lon: lon } : null;
  }

  /** A position pasted or typed as text: "lat, lon", "lat lon", "geo:lat,lon", or a map
   *  link (OpenStreetMap #map=z/lat/lon or mlat/mlon, Google @lat,lon, !3d..!4d.., ?q=,
   *  ?ll=, /search/lat,lon). Returns {lat, lon} or null. */
  function parseCoords(text) {
    var s = String(text == null ? '' : text).trim();
    if (!s) return null;
    try { s = decodeURIComponent(s); } catch (e) { /* keep it as typed */ }
    s = s.replace(/\u2212/g, '-').replace(/\u00b0/g, '');
    var m;
    // Links: the marked place first (mlat/mlon, Google's pin), then the view.
    var lat = s.match(new RegExp('[?&#]mlat=' + NUM));
    var lon = s.match(new RegExp('[?&#]mlon=' + NUM));
    if (lat && lon) return point(lat[1], lon[1]);
    var links = [
      new RegExp('!3d' + NUM + '!4d' + NUM),
      new RegExp('[#&?]map=\\d{1,2}(?:\\.\\d+)?/' + NUM + '/' + NUM),
      new RegExp('@' + NUM + ',\\s*' + NUM),
      new RegExp('[?&](?:q|query|ll|sll|center|daddr|destination)=(?:loc:)?\\s*' + NUM + ',\\s*' + NUM),
      new RegExp('/(?:search|place|dir)/' + NUM + ',\\s*' + NUM),
      new RegExp('^geo:' + NUM + ',\\s*' + NUM, 'i'),
    ];
    for (var i = 0; i < links.length; i++) {
      m = s.match(links[i]);
      if (m) return point(m[1], m[2]);
    }
    // Plain text: "47.99, 7.85", "47.99 7.85", "47.99;7.85", "47,99 7,85", "47.99 N, 7.85 E".
    m = s.match(new RegExp('^' + NUM + '\\s*(?:[,;]\\s*|\\s+)' + NUM + '$'));
    if (m) return point(m[1], m[2]);
    m = s.match(/^([-+]?\d{1,3},\d+)\s*;?\s+([-+]?\d{1,3},\d+)$/) ||
        s.match(/^([-+]?\d{1,3},\d+)\s*[,;]\s+([-+]?\d{1,3},\d+)$/);
    if (m) return point(m[1].replace(',', '.'), m[2].replace(',', '.'));
    m = s.match(new RegExp('^' + NUM + '\\s*([NS])\\s*[,;]?\\s*' + NUM + '\\s*([EW])$', 'i'));
    if (m) {
      return point((/s/i.test(m[2]) ? -1 : 1) * parseFloat(m[1]),
                   (/w/i.test(m[4]) ? -1 : 1) * parseFloat(m[3]));
    }
    return null;
  }

  // ----- helpers ---------------------------------------------------------------------

  function fill(template, values) {
    return String(template || '').replace(/\{(\w+)\}/g, function (all, key) {
      return Object.prototype.hasOwnProperty.call(values, key) ? String(values[key]) : all;
    });
  }

  function escapeHtml(text) {
    return String(text).replace(/[&<>"']/g, function (c) {
      return { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c];
    });
  }

  function fixed(n) { return n.toFixed(6); }

  function wrapLon(lon) {
    return lon >= -180 && lon <= 180 ? lon : ((((lon + 180) % 360) + 360) % 360) - 180;
  }

  function rendered(el) { return el.getClientRects().length > 0; }

  function ancestorDetails(el) {
    var list = [];
    for (var n = el.parentElement; n; n = n.parentElement) {
      if (n.tagName === 'DETAILS') list.push(n);
    }
    return list;
  }

  /** Calls back once, when el first comes near the viewport and has a box. */
  function whenVisible(el, callback) {
    var done = false;
    function once() { if (!done) { done = true; callback(); } }
    if ('IntersectionObserver' in window) {
      var io = new IntersectionObserver(function (entries) {
        for (var i = 0; i < entries.length; i++) {
          if (entries[i].isIntersecting) { io.disconnect(); once(); return; }
        }
      }, { rootMargin: '200px 0px' });
      io.observe(el);
      return;
    }
    if (rendered(el)) { once(); return; }
    ancestorDetails(el).forEach(function (d) {
      d.addEventListener('toggle', function () { if (rendered(el)) once(); });
    });
  }

  // ----- one picker ------------------------------------------------------------------

  function Picker(fieldset) {
    this.fs = fieldset;
    this.text = fieldset.dataset;
    this.latInput = fieldset.querySelector('input[name="lat"]');
    this.lonInput = fieldset.querySelector('input[name="lon"]');
    this.coordsInput = fieldset.querySelector('input[name="coords"]');
    this.status = fieldset.querySelector('[data-picker-status]');
    this.button = fieldset.querySelector('[data-use-position]');
    this.mapEl = fieldset.querySelector('.map-picker__map');
    this.center = point(parseNumber(this.text.centerLat), parseNumber(this.text.centerLon));
    this.map = null;
    this.marker = null;
    this.writing = false;
    this.sayTimer = 0;
    this.announceTimer = 0;
    this.typeTimer = 0;
    this.lastCoords = null;
    this.bindFields();
    this.bindCoords();
    this.bindGeolocation();
    if (this.mapEl && window.L && typeof window.L.map === 'function') this.prepareMap();
  }

  Picker.prototype.say = function (message, isError) {
    var el = this.status;
    if (!el || !message) return;
    clearTimeout(this.sayTimer);
    // Empty first, so that the same message twice is announced twice.
    el.textContent = '';
    if (isError) el.setAttribute('data-state', 'error'); else el.removeAttribute('data-state');
    this.sayTimer = setTimeout(function () { el.textContent = message; }, 60);
  };

  Picker.prototype.fieldPoint = function () {
    if (!this.latInput || !this.lonInput) return null;
    return point(parseNumber(this.latInput.value), parseNumber(this.lonInput.value));
  };

  Picker.prototype.writeFields = function (p) {
    var self = this;
    this.writing = true;
    try {
      [[this.latInput, fixed(p.lat)], [this.lonInput, fixed(p.lon)]].forEach(function (pair) {
        var input = pair[0];
        if (!input || input.value === pair[1]) return;
        input.value = pair[1];
        input.removeAttribute('aria-invalid');
        // Let frameworks bound to the inputs see the change.
        input.dispatchEvent(new Event('input', { bubbles: true }));
        input.dispatchEvent(new Event('change', { bubbles: true }));
      });
    } finally {
      self.writing = false;
    }
  };

  Picker.prototype.announceMoved = function (p, later) {
    var self = this;
    clearTimeout(this.announceTimer);
    var message = fill(this.text.textMoved, { lat: fixed(p.lat), lon: fixed(p.lon) });
    if (later) this.announceTimer = setTimeout(function () { self.say(message); }, 700);
    else this.say(message);
  };

  /** Sets the point: fields, marker, map view, announcement.
   *  opts.view: 'zoom' (centre, zoom in if far out), 'pan' (centre), 'inside' (keep in
   *  view), anything else: leave the view alone. opts.announce: true | 'later'. */
  Picker.prototype.setPoint = function (p, opts) {
    opts = opts || {};
    if (opts.fields !== false) this.writeFields(p);
    if (this.map) {
      var ll = window.L.latLng(p.lat, p.lon);
      this.showMarker(ll);
      if (opts.view === 'zoom') {
        this.map.setView(ll, Math.max(this.map.getZoom(), opts.zoom || POINT_ZOOM));
      } else if (opts.view === 'pan') {
        this.map.setView(ll, this.map.getZoom());
      } else if (opts.view === 'inside') {
        this.map.panInside(ll, { padding: [48, 48] });
      }
    }
    if (opts.announce) this.announceMoved(p, opts.announce === 'later');
  };

  // Typing into latitude/longitude moves the marker; pasting a pair into one splits it.
  Picker.prototype.bindFields = function () {
    var self = this;
    [this.latInput, this.lonInput].forEach(function (input) {
      if (!input) return;
      input.addEventListener('input', function () {
        if (self.writing) return;
        clearTimeout(self.typeTimer);
        self.typeTimer = setTimeout(function () { self.fromFields(); }, 400);
      });
      input.addEventListener('change', function () {
        if (self.writing) return;
        clearTimeout(self.typeTimer);
        var pair = isFinite(parseNumber(input.value)) ? null : parseCoords(input.value);
        if (pair) self.setPoint(pair, { view: 'pan', announce: true });
        else self.fromFields();
      });
    });
  };

  Picker.prototype.fromFields = function () {
    var p = this.fieldPoint();
    if (p) this.setPoint(p, { fields: false, view: 'pan' });
  };

  // "Search by coordinates": Enter or change applies it; Enter never submits the form.
  Picker.prototype.bindCoords = function () {
    var self = this;
    var input = this.coordsInput;
    if (!input) return;
    input.addEventListener('keydown', function (e) {
      if (e.key !== 'Enter') return;
      e.preventDefault();
      self.applyCoords(true);
    });
    input.addEventListener('change', function () { self.applyCoords(false); });
    input.addEventListener('input', function () {
      self.lastCoords = null;
      // Emptied: nothing is wrong any more (Enter prevents the change event).
      if (!input.value.trim() && input.getAttribute('aria-invalid') === 'true') {
        input.removeAttribute('aria-invalid');
        if (self.status && self.status.getAttribute('data-state') === 'error') self.say('');
      }
    });
  };

  Picker.prototype.applyCoords = function (force) {
    var input = this.coordsInput;
    var value = input.value.trim();
    if (!value) { input.removeAttribute('aria-invalid'); return; }
    if (!force && value === this.lastCoords) return;
    this.lastCoords = value;
    var p = parseCoords(value);
    if (!p) {
      input.setAttribute('aria-invalid', 'true');
      this.say(this.text.textBadCoords, true);
      return;
    }
    input.removeAttribute('aria-invalid');
    // Applied to latitude/longitude: empty it, so that it cannot contradict them later.
    input.value = '';
    this.lastCoords = null;
    this.setPoint(p, { view: 'zoom', announce: true });
  };

  Picker.prototype.bindGeolocation = function () {
    var self = this;
    var button = this.button;
    if (!button) return;
    if (!('geolocation' in navigator) || window.isSecureContext === false) return;
    button.hidden = false;
    var busy = false;
    button.addEventListener('click', function () {
      if (busy) return;
      busy = true;
      // aria-disabled, not disabled: a disabled button would drop the keyboard focus.
      button.setAttribute('aria-disabled', 'true');
      self.say(self.text.textLocating);
      function done() { busy = false; button.removeAttribute('aria-disabled'); }
      navigator.geolocation.getCurrentPosition(function (pos) {
        done();
        var p = point(pos.coords.latitude, pos.coords.longitude);
        if (!p) return;
        var accuracy = Math.round(pos.coords.accuracy || 0);
        var zoom = accuracy > 1000 ? 14 : accuracy > 200 ? 16 : POINT_ZOOM;
        self.setPoint(p, { view: 'zoom', zoom: zoom });
        self.say(fill(self.text.textLocated, { m: accuracy }));
      }, function (err) {
        done();
        var reasons = { 1: 'permission denied', 2: 'position unavailable', 3: 'timeout' };
        var reason = (err && err.message) || (err && reasons[err.code]) || '';
        self.say(fill(self.text.textDenied, { reason: reason }), true);
      }, { enableHighAccuracy: true, timeout: 20000, maximumAge: 30000 });
    });
  };

  // ----- the map ---------------------------------------------------------------------

  Picker.prototype.prepareMap = function () {
    var self = this;
    var el = this.mapEl;
    el.hidden = false; // reserve its space now; Leaflet starts once it is seen
    el.setAttribute('role', 'group');
    if (this.text.textMapLabel) el.setAttribute('aria-label', this.text.textMapLabel);
    el.tabIndex = 0;
    whenVisible(el, function () { self.initMap(); });
    // Re-measure whenever an enclosing <details> opens again.
    ancestorDetails(this.fs).forEach(function (d) {
      d.addEventListener('toggle', function () {
        if (d.open && self.map) self.map.invalidateSize();
      });
    });
  };

  Picker.prototype.initMap = function () {
    var L = window.L;
    var self = this;
    if (this.map) return;
    var map = L.map(this.mapEl, {
      doubleClickZoom: false, // a click places the marker
      scrollWheelZoom: false, // only once the map has the focus: the page scrolls past it
      zoomSnap: 1,
      maxZoom: 19,
    });
    this.map = map;
    map.on('focus', function () { map.scrollWheelZoom.enable(); });
    map.on('blur', function () { map.scrollWheelZoom.disable(); });
    this.addTiles();

    var p = this.fieldPoint();
    if (p) map.setView([p.lat, p.lon], POINT_ZOOM);
    else if (this.center) map.setView([this.center.lat, this.center.lon], POINT_ZOOM);
    else map.fitBounds(EUROPE);

    if (this.center) {
      // The shop, for orientation. Drawn below the marker, so hidden when they coincide.
      L.circleMarker([this.center.lat, this.center.lon], {
        radius: 7, weight: 2, color: '#15513a', fillColor: '#1f6f50', fillOpacity: 0.45,
        interactive: false, bubblingMouseEvents: true,
      }).addTo(map);
    }
    if (p) this.showMarker(L.latLng(p.lat, p.lon));

    map.on('click', function (e) {
      var ll = e.latlng.wrap();
      self.setPoint({ lat: ll.lat, lon: ll.lng }, { announce: true });
    });
    // Enter or Space on the focused map puts the marker in its centre.
    this.mapEl.addEventListener('keydown', function (e) {
      if (e.target !== self.mapEl || e.altKey || e.ctrlKey || e.metaKey) return;
      if (e.key !== 'Enter' && e.key !== ' ') return;
      e.preventDefault();
      var c = map.getCenter().wrap();
      self.setPoint({ lat: c.lat, lon: c.lng }, { announce: true });
    });
    setTimeout(function () { map.invalidateSize(); }, 0);
  };

  Picker.prototype.addTiles = function () {
    var self = this;
    var url = this.text.tileUrl;
    var warned = false;
    function failed() {
      if (warned) return;
      warned = true;
      self.fs.classList.add('map-picker--no-tiles');
      self.say(self.text.textTilesFailed, true);
    }
    if (!url) { failed(); return; }
    var attribution = this.text.attribution ? escapeHtml(this.text.attribution) : '';
    if (attribution && this.text.attributionUrl) {
      attribution = '<a href="' + escapeHtml(this.text.attributionUrl) + '">' + attribution + '</a>';
    }
    var loads = 0;
    var errors = 0;
    var tiles = window.L.tileLayer(url, { maxZoom: 19, attribution: attribution });
    tiles.on('tileload', function () { loads += 1; });
    tiles.on('tileerror', function () {
      errors += 1;
      if (loads === 0 && errors >= TILE_FAIL_ERRORS) failed();
    });
    tiles.addTo(this.map);
  };

  Picker.prototype.showMarker = function (ll) {
    var L = window.L;
    var self = this;
    if (this.marker) { this.marker.setLatLng(ll); return; }
    var label = this.text.textMarker || this.text.textMapLabel || '';
    var marker = L.marker(ll, { draggable: true, keyboard: true, alt: label, autoPan: true });
    this.marker = marker;
    marker.on('drag', function () {
      var p = marker.getLatLng();
      self.writeFields({ lat: p.lat, lon: wrapLon(p.lng) });
    });
    marker.on('dragend', function () {
      var p = marker.getLatLng().wrap();
      self.setPoint({ lat: p.lat, lon: p.lng }, { announce: true });
    });
    marker.addTo(this.map);
    var icon = marker.getElement();
    if (!icon) return;
    // Leaflet calls it a button, but Enter does nothing on it: it is a focusable image.
    icon.removeAttribute('role');
    icon.addEventListener('keydown', function (e) { self.markerKey(e); });
  };

  Picker.prototype.markerKey = function (e) {
    if (e.altKey || e.ctrlKey || e.metaKey) return;
    var dx = 0;
    var dy = 0;
    switch (e.key) {
      case 'ArrowUp': dy = -1; break;
      case 'ArrowDown': dy = 1; break;
      case 'ArrowLeft': dx = -1; break;
      case 'ArrowRight': dx = 1; break;
      case 'Enter': case ' ': case 'Spacebar':
        e.preventDefault(); e.stopPropagation(); return;
      default: return;
    }
    e.preventDefault();
    e.stopPropagation(); // keep the map (and the page) from panning as well
    var map = this.map;
    var step = KEY_STEP_PX * (e.shiftKey ? 5 : 1);
    var zoom = map.getZoom();
    var at = map.project(this.marker.getLatLng(), zoom).add([dx * step, dy * step]);
    var ll = map.unproject(at, zoom);
    var lat = Math.max(-85, Math.min(85, ll.lat));
    this.setPoint({ lat: lat, lon: wrapLon(ll.lng) }, { view: 'inside', announce: 'later' });
  };

  // ----- start -----------------------------------------------------------------------

  function init(root) {
    var scope = root || document;
    var list = [];
    if (scope.matches && scope.matches('[data-map-picker]')) list.push(scope);
    Array.prototype.push.apply(list, scope.querySelectorAll('[data-map-picker]'));
    list.forEach(function (fs) {
      if (!fs.mapPicker) fs.mapPicker = new Picker(fs);
    });
  }

  window.NahbarMapPicker = { init: init, parseCoords: parseCoords, parseNumber: parseNumber };

  function start() {
    init(document);
    // Forms rendered later (an island adding a POI form) get a picker too.
    if ('MutationObserver' in window && document.body) {
      new MutationObserver(function (records) {
        for (var i = 0; i < records.length; i++) {
          var added = records[i].addedNodes;
          for (var j = 0; j < added.length; j++) {
            var node = added[j];
            if (node.nodeType === 1 && !node.closest('.leaflet-container')) init(node);
          }
        }
      }).observe(document.body, { childList: true, subtree: true });
    }
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();
