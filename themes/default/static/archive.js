// The archive's filters work without this script (see archive/filter.css). It keeps the chosen
// options in the address — /archive/#year=2024&type=创新型 — so a filtered view can be shared
// and survives a reload; the address chooses the options when the page opens.
(function () {
  "use strict";
  var names = ["year", "type", "award"];

  function fromAddress() {
    var params = new URLSearchParams(location.hash.slice(1));
    names.forEach(function (name) {
      var value = params.get(name) || "";
      var radios = document.querySelectorAll('input.filter-radio[name="' + name + '"]');
      var chosen = null;
      radios.forEach(function (radio) { if (radio.value === value) chosen = radio; });
      (chosen || radios[0]).checked = true;
    });
  }

  function toAddress() {
    var params = new URLSearchParams();
    names.forEach(function (name) {
      var radio = document.querySelector('input.filter-radio[name="' + name + '"]:checked');
      if (radio && radio.value) params.set(name, radio.value);
    });
    var hash = params.toString();
    history.replaceState(null, "", hash ? "#" + hash : location.pathname + location.search);
  }

  document.addEventListener("DOMContentLoaded", function () {
    if (!document.querySelector(".archive")) return;
    if (location.hash.length > 1) fromAddress();
    document.querySelectorAll("input.filter-radio").forEach(function (radio) {
      radio.addEventListener("change", toAddress);
    });
    window.addEventListener("hashchange", fromAddress);
  });
})();
