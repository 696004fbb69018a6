// Registers the staff app's service worker (app pages only; customer pages run no script).
if ("serviceWorker" in navigator) {
  window.addEventListener("load", () => {
    navigator.serviceWorker.register("/sw.js").catch((error) => {
      console.warn("Nahbar: service worker registration failed", error);
    });
  });
}
