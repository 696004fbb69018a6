// Registers the staff app's service worker (app pages only; customer pages run no script),
// keeps the staff screens fresh for offline use, and says when a new Nahbar took over.
(function () {
  "use strict";
  if (!("serviceWorker" in navigator)) return;
  var WARM_EVERY = 10 * 60 * 1000; // ms between refreshes of the offline copies
  var hadController = !!navigator.serviceWorker.controller;

  window.addEventListener("load", function () {
    navigator.serviceWorker.register("/sw.js").catch(function (error) {
      console.warn("Nahbar: service worker registration failed", error);
    });
    var signedIn = document.querySelector("[data-outbox]");
    navigator.serviceWorker.ready.then(function (registration) {
      var last = Number(sessionStorage.getItem("nahbar-warmed") || 0);
      if (!signedIn || !registration.active || Date.now() - last < WARM_EVERY || !navigator.onLine) return;
      sessionStorage.setItem("nahbar-warmed", String(Date.now()));
      registration.active.postMessage({ type: "warm" });
    });
  });

  // A new version took over this page (it was updated while open): this page still runs the
  // old scripts, so offer to reload instead of mixing versions. Nothing typed is lost: posts
  // are kept in the outbox.
  navigator.serviceWorker.addEventListener("controllerchange", function () {
    if (!hadController) { hadController = true; return; }
    if (document.querySelector("[data-update-notice]")) return;
    var panel = document.querySelector("[data-outbox]");
    var said = {};
    try { said = JSON.parse((panel && panel.dataset.texts) || "{}"); } catch (e) { /* none */ }
    var german = /^de\b/i.test(document.documentElement.lang || "");
    var notice = document.createElement("p");
    notice.className = "message update-notice";
    notice.setAttribute("role", "status");
    notice.setAttribute("data-update-notice", "");
    notice.textContent = (said.updated || (german ? "Nahbar wurde aktualisiert." : "Nahbar has been updated.")) + " ";
    var button = document.createElement("button");
    button.type = "button";
    button.textContent = said.reload || (german ? "Neu laden" : "Reload");
    button.addEventListener("click", function () { location.reload(); });
    notice.appendChild(button);
    var main = document.querySelector("main") || document.body;
    main.insertBefore(notice, main.firstChild);
  });
})();
