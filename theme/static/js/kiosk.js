/* Registers the kiosk service worker (sw.js at the site root, so it covers both languages).
   Sets data-kiosk="ready" on <html> once the worker is active, i.e. once the catalogue is saved offline. */
(function () {
  "use strict";
  var script = document.currentScript;
  var worker = script && script.getAttribute("data-worker");
  if (!worker || !("serviceWorker" in navigator)) return;
  var root = document.documentElement;
  window.addEventListener("load", function () {
    navigator.serviceWorker.register(worker).then(function () {
      return navigator.serviceWorker.ready;
    }).then(function () {
      root.setAttribute("data-kiosk", "ready");
    }).catch(function () {
      // No service worker (e.g. plain http on a LAN address): the site works online as usual.
      root.setAttribute("data-kiosk", "unavailable");
    });
  });
})();
