/*
 * Exhibit filters, progressively enhanced: without this script the form is a plain GET
 * form. With it, results are fetched and swapped in place, and the address follows, so
 * the page stays shareable. Keyboard focus never moves on its own, except to the results
 * heading after a link inside the results (remove a filter, next page) is followed.
 */
(function () {
  "use strict";

  var form = document.getElementById("filters");
  var results = document.getElementById("results");
  var status = document.getElementById("results-status");
  if (!form || !results || !window.fetch || !window.DOMParser || !window.history.pushState) {
    return;
  }

  var controller = null;
  var searchTimer = null;
  // The address whose results are shown: a popstate that only changes the #fragment (the
  // skip link does that) must not reload anything.
  var shown = window.location.pathname + window.location.search;

  function queryFromForm() {
    var params = new URLSearchParams();
    new FormData(form).forEach(function (value, name) {
      if (typeof value === "string" && value.trim() !== "") {
        params.append(name, value.trim());
      }
    });
    var query = params.toString();
    return query ? "?" + query : "";
  }

  function swap(doc, selector) {
    var current = document.querySelector(selector);
    var fresh = doc.querySelector(selector);
    if (current && fresh) {
      current.replaceWith(fresh);
    }
    return fresh;
  }

  function load(url, options) {
    options = options || {};
    if (controller) {
      controller.abort();
    }
    controller = new AbortController();
    results.setAttribute("aria-busy", "true");
    return fetch(url, {
      headers: { Accept: "text/html" },
      credentials: "omit",
      signal: controller.signal
    })
      .then(function (response) {
        return response.text();
      })
      .then(function (html) {
        var doc = new DOMParser().parseFromString(html, "text/html");
        results = swap(doc, "#results") || results;
        swap(doc, ".language-switch");
        if (options.replaceForm) {
          // The new form comes with its panel closed: keep it as the visitor left it.
          var panel = form.querySelector("details.filter-panel");
          var wasOpen = panel ? panel.open : false;
          form = swap(doc, "#filters") || form;
          var freshPanel = form.querySelector("details.filter-panel");
          if (freshPanel && wasOpen) {
            freshPanel.open = true;
          }
          document.dispatchEvent(new CustomEvent("pavilion:filters-replaced"));
          bind();
        }
        if (options.push !== false) {
          window.history.pushState({ filters: true }, "", url);
        }
        shown = window.location.pathname + window.location.search;
        var heading = document.getElementById("results-heading");
        if (status && heading) {
          status.textContent = heading.textContent;
        }
        if (options.focusResults && heading) {
          heading.focus();
        }
      })
      .catch(function (error) {
        if (error && error.name === "AbortError") {
          return;
        }
        // The page still works without the script: fall back to a normal navigation.
        window.location.assign(url);
      })
      .finally(function () {
        if (results) {
          results.removeAttribute("aria-busy");
        }
      });
  }

  function update() {
    load(form.getAttribute("action") + queryFromForm());
  }

  function onChange(event) {
    if (event.target.name === "q") {
      return;
    }
    update();
  }

  function onInput(event) {
    if (event.target.name !== "q") {
      return;
    }
    window.clearTimeout(searchTimer);
    searchTimer = window.setTimeout(update, 400);
  }

  function onSubmit(event) {
    event.preventDefault();
    window.clearTimeout(searchTimer);
    update();
  }

  function bind() {
    form.addEventListener("change", onChange);
    form.addEventListener("input", onInput);
    form.addEventListener("submit", onSubmit);
    var clear = form.querySelector("a.button-secondary");
    if (clear) {
      clear.addEventListener("click", function (event) {
        event.preventDefault();
        load(clear.getAttribute("href"), { replaceForm: true, focusResults: true });
      });
    }
  }

  document.addEventListener("click", function (event) {
    var link = event.target.closest ? event.target.closest("#results a.js-refine") : null;
    if (!link || event.ctrlKey || event.metaKey || event.shiftKey || event.button !== 0) {
      return;
    }
    event.preventDefault();
    var href = link.getAttribute("href");
    var url = href.charAt(0) === "?" ? form.getAttribute("action") + (href === "?" ? "" : href) : href;
    load(url, { replaceForm: true, focusResults: true });
  });

  window.addEventListener("popstate", function () {
    var address = window.location.pathname + window.location.search;
    if (address !== shown) {
      load(address, { replaceForm: true, push: false });
    }
  });

  bind();
})();
