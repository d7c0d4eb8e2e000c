/* Approximate prices in the currency a buyer picks, from the rates written into the page (no live fetch).
   The choice is remembered in localStorage; without JavaScript the build-time amount stays. */
(function () {
  "use strict";
  var KEY = "kriya.currency";
  var boxes = document.querySelectorAll("[data-approx]");
  if (!boxes.length) return;

  function stored() {
    try { return window.localStorage.getItem(KEY); } catch (e) { return null; }
  }
  function store(code) {
    try { window.localStorage.setItem(KEY, code); } catch (e) { /* private mode: not remembered */ }
  }
  function format(amount, code) {
    return new Intl.NumberFormat("en-GB", {
      style: "currency", currency: code, minimumFractionDigits: 0, maximumFractionDigits: 0
    }).format(amount);
  }
  function show(box, option) {
    var rate = Number(option.getAttribute("data-per-idr"));
    var low = Number(box.getAttribute("data-idr")) * rate;
    var high = box.getAttribute("data-idr-max");
    var text = format(Math.round(low), option.value);
    if (high) text += " – " + format(Math.round(Number(high) * rate), option.value);
    box.querySelector("[data-approx-amount]").textContent = "≈ " + text;
  }

  Array.prototype.forEach.call(boxes, function (box) {
    var select = box.querySelector("[data-approx-currency]");
    var picker = box.querySelector("[data-approx-picker]");
    if (!select || !picker) return;
    var saved = stored();
    if (saved && select.querySelector('option[value="' + saved + '"]')) {
      select.value = saved;
      show(box, select.options[select.selectedIndex]);
    }
    select.addEventListener("change", function () {
      store(select.value);
      show(box, select.options[select.selectedIndex]);
    });
    picker.hidden = false;
  });
})();
