/* Product gallery: one photo at a time, chosen with the thumbnails (click, Enter, arrow keys) or a swipe.
   The CSS draws it as a gallery from the first paint only where scripting is on (@media (scripting: enabled)), so the
   page does not move when this runs; elsewhere the photos stay a plain list and this script leaves them alone. */
(function () {
  "use strict";
  if (!window.matchMedia || !window.matchMedia("(scripting: enabled)").matches) return;
  Array.prototype.forEach.call(document.querySelectorAll("[data-gallery]"), function (gallery) {
    var photos = gallery.querySelectorAll("[data-gallery-photo]");
    var thumbs = gallery.querySelectorAll("[data-gallery-thumb]");
    var stage = gallery.querySelector("[data-gallery-photos]");
    if (photos.length < 2 || thumbs.length !== photos.length) return;
    var current = 0;

    function show(index, focus) {
      current = (index + photos.length) % photos.length;
      for (var i = 0; i < photos.length; i++) {
        photos[i].hidden = i !== current;
        if (i === current) thumbs[i].setAttribute("aria-current", "true");
        else thumbs[i].removeAttribute("aria-current");
      }
      if (focus) thumbs[current].focus();
    }

    Array.prototype.forEach.call(thumbs, function (thumb, i) {
      thumb.addEventListener("click", function (event) {
        event.preventDefault();
        show(i, false);
      });
    });
    gallery.addEventListener("keydown", function (event) {
      var step = { ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1 }[event.key];
      var at = Array.prototype.indexOf.call(thumbs, document.activeElement);
      if (at < 0) return;
      if (step) show(at + step, true);
      else if (event.key === "Home") show(0, true);
      else if (event.key === "End") show(photos.length - 1, true);
      else return;
      event.preventDefault();
    });

    // A sideways swipe on the photo shows the next or previous one; touch-action: pan-y (CSS) leaves vertical
    // scrolling to the browser and the sideways moves to us.
    var startX = null;
    var startY = 0;
    stage.addEventListener("pointerdown", function (event) {
      if (event.pointerType === "mouse") return;
      startX = event.clientX;
      startY = event.clientY;
    });
    stage.addEventListener("pointerup", function (event) {
      if (startX === null) return;
      var dx = event.clientX - startX;
      var dy = event.clientY - startY;
      startX = null;
      if (Math.abs(dx) > 40 && Math.abs(dx) > Math.abs(dy)) show(current + (dx < 0 ? 1 : -1), false);
    });
    stage.addEventListener("pointercancel", function () { startX = null; });

    show(0, false);
    stage.setAttribute("data-ready", "");
  });
})();
