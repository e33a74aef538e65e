/*
 * The exhibit list's filter panel. It is served closed, so a phone shows the first results
 * on its first screen and the filters one tap away. On a screen wide enough for both, this
 * opens it and hides its summary (nothing to close). Loaded right after the form, without
 * "defer", so a wide screen never sees the panel closed first.
 */
(function () {
  "use strict";

  if (!window.matchMedia) {
    return;
  }
  var wide = window.matchMedia("(min-width: 40em)");

  function apply() {
    var panel = document.getElementById("filter-panel");
    if (!panel) {
      return;
    }
    if (wide.matches) {
      panel.open = true;
      panel.classList.add("is-pinned");
    } else {
      panel.classList.remove("is-pinned");
    }
  }

  apply();
  if (wide.addEventListener) {
    wide.addEventListener("change", apply);
  } else if (wide.addListener) {
    wide.addListener(apply);
  }
  // js/filters.js replaces the whole form after some navigations.
  document.addEventListener("pavilion:filters-replaced", apply);
})();
