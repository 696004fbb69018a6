/* Nahbar locations import: progressive enhancement for <form data-import>.
 *
 * Without this script the form posts the CSV file and the server redirects back with a
 * summary. With it the file goes up by XHR with a <progress> bar ("Uploading… 45 %"),
 * then "Checking 5 000 rows…" while the server checks and imports, and the JSON answer
 * (counts, or every problem with line, column and cell) is shown in the page's aria-live
 * region without leaving it. Texts come from the form's data attributes (page language).
 * Plain ES2017, no modules, no eval, no inline styles: it runs under `script-src 'self'`.
 */
(function () {
  'use strict';

  var form = document.querySelector('form[data-import]');
  if (!form || !window.XMLHttpRequest || !window.FormData) return;
  var text = form.dataset;
  var input = form.querySelector('input[type="file"]');
  var progressBox = form.querySelector('[data-import-progress]');
  var bar = progressBox.querySelector('progress');
  var status = form.querySelector('[data-import-status]');
  var result = document.querySelector('[data-import-result]');
  var button = form.querySelector('button[type="submit"]');
  var lang = document.documentElement.lang === 'de' ? 'de' : 'en';
  var SHOWN = 200; // problems listed in the page; the rest are counted
  var busy = false;

  function fill(template, values) {
    return (template || '').replace(/\{(\w+)\}/g, function (match, key) {
      return Object.prototype.hasOwnProperty.call(values, key) ? String(values[key]) : match;
    });
  }

  function number(n) {
    try {
      return new Intl.NumberFormat(document.documentElement.lang || undefined).format(n);
    } catch (e) {
      return String(n);
    }
  }

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (name) { node.setAttribute(name, attrs[name]); });
    (children || []).forEach(function (child) {
      node.appendChild(typeof child === 'string' ? document.createTextNode(child) : child);
    });
    return node;
  }

  /** Data rows of the file (lines after the header that are not empty), or null. */
  function countRows(file) {
    if (!file.text) return Promise.resolve(null);
    return file.text().then(function (content) {
      var lines = content.split(/\r\n|\n|\r/).filter(function (line) {
        return line.replace(/[,;\t\s"]/g, '') !== '';
      });
      return Math.max(lines.length - 1, 0);
    }, function () { return null; });
  }

  function markInvalid(invalid) {
    var ids = ['import-file-help'];
    if (invalid) {
      ids.push(result.id);
      input.setAttribute('aria-invalid', 'true');
    } else {
      input.removeAttribute('aria-invalid');
    }
    input.setAttribute('aria-describedby', ids.join(' '));
  }

  function show(nodes, invalid) {
    while (result.firstChild) result.removeChild(result.firstChild);
    nodes.forEach(function (node) { result.appendChild(node); });
    result.removeAttribute('aria-busy');
    markInvalid(invalid);
  }

  function showDone(data) {
    show([el('p', { class: 'message ok' }, [fill(text.textDone, {
      created: number(data.created), updated: number(data.updated), unchanged: number(data.unchanged || 0),
    })])], false);
  }

  function showProblems(data) {
    var errors = data.errors || [];
    var rows = errors.slice(0, SHOWN).map(function (e) {
      return el('tr', {}, [
        el('td', {}, [String(e.line)]),
        el('td', {}, [e.column || '']),
        el('td', {}, [(lang === 'de' ? e.message_de : e.message_en) || e.code || '']),
        el('td', {}, [e.value || '']),
      ]);
    });
    var nodes = [el('p', { class: 'message problem' }, [fill(text.textFailed, { n: number(data.failed || errors.length) })])];
    if (errors.length > SHOWN) nodes.push(el('p', { class: 'help' }, [fill(text.textMore, { n: number(SHOWN) })]));
    nodes.push(el('div', { class: 'table-scroll', tabindex: '0', role: 'region', 'aria-label': text.textCaption || '' }, [el('table', { class: 'audit' }, [
      el('caption', { class: 'visually-hidden' }, [text.textCaption || '']),
      el('thead', {}, [el('tr', {}, [text.textLine, text.textColumn, text.textProblem, text.textValue].map(function (h) {
        return el('th', { scope: 'col' }, [h || '']);
      }))]),
      el('tbody', {}, rows),
    ])]));
    show(nodes, true);
  }

  function showMessage(message) {
    show([el('p', { class: 'message problem' }, [message || text.textNetwork])], true);
  }

  function finish() {
    busy = false;
    button.disabled = false;
    progressBox.hidden = true;
    status.textContent = '';
  }

  form.addEventListener('submit', function (event) {
    if (busy) {
      event.preventDefault();
      return;
    }
    var file = input.files && input.files[0];
    if (!file) return; // the browser's own "required" message, or the server's answer
    event.preventDefault();
    busy = true;
    button.disabled = true;
    result.setAttribute('aria-busy', 'true');
    var rows = null;
    countRows(file).then(function (n) { rows = n; });
    progressBox.hidden = false;
    bar.max = 100;
    bar.value = 0;
    status.textContent = fill(text.textUploading, { pct: 0 });

    var xhr = new XMLHttpRequest();
    xhr.open('POST', form.action);
    xhr.setRequestHeader('Accept', 'application/json');
    var csrf = new URL(form.action, location.href).searchParams.get('csrf_token');
    if (csrf) xhr.setRequestHeader('x-csrf-token', csrf);
    xhr.upload.addEventListener('progress', function (e) {
      if (!e.lengthComputable) return;
      var pct = Math.min(100, Math.floor((e.loaded * 100) / e.total));
      bar.value = pct;
      status.textContent = fill(text.textUploading, { pct: pct });
    });
    xhr.upload.addEventListener('load', function () {
      bar.removeAttribute('value'); // indeterminate while the server checks
      status.textContent = fill(text.textChecking, { n: rows === null ? '…' : number(rows) });
    });
    xhr.addEventListener('load', function () {
      finish();
      var data = null;
      try {
        data = JSON.parse(xhr.responseText);
      } catch (e) {
        data = null;
      }
      if (data && data.ok) showDone(data);
      else if (data && data.errors && data.errors.length) showProblems(data);
      else showMessage((data && data.error) || xhr.responseText);
    });
    xhr.addEventListener('error', function () {
      finish();
      showMessage(text.textNetwork);
    });
    xhr.send(new FormData(form));
  });
})();
