/*
 * The visitor's phone: the service worker (pavilion/pwa.py) and My list
 * (exhibits/shortlist.py).
 *
 * My list is kept in this browser only (localStorage), as the exhibits' slugs in the
 * order they were added, each with its title to show when offline. "Add to my list"
 * buttons are toggle buttons (aria-pressed); without this script they stay hidden and the
 * list's page explains that a shared link still works. /my-list/ without ?e= asks the
 * server for /my-list/?e=<the stored slugs> and shows its route in place.
 */
(function () {
  "use strict";

  var KEY = "pavilion:my-list";
  var script = document.currentScript;

  if ("serviceWorker" in navigator && script && script.getAttribute("data-worker")) {
    window.addEventListener("load", function () {
      navigator.serviceWorker
        .register(script.getAttribute("data-worker"), { scope: "/" })
        .catch(function () {
          // Without a worker the site works as before, online only.
        });
    });
  }

  function read() {
    try {
      var items = JSON.parse(window.localStorage.getItem(KEY) || "[]");
      return Array.isArray(items)
        ? items.filter(function (item) {
            return item && typeof item.s === "string" && /^[-a-z0-9_]{1,60}$/.test(item.s);
          })
        : [];
    } catch (error) {
      return [];
    }
  }

  function write(items) {
    try {
      window.localStorage.setItem(KEY, JSON.stringify(items.slice(0, 100)));
      return true;
    } catch (error) {
      return false;
    }
  }

  function indexOf(items, slug) {
    for (var i = 0; i < items.length; i++) {
      if (items[i].s === slug) {
        return i;
      }
    }
    return -1;
  }

  function titleOf(slug) {
    var buttons = document.querySelectorAll(".list-toggle");
    for (var i = 0; i < buttons.length; i++) {
      if (buttons[i].getAttribute("data-slug") === slug) {
        return buttons[i].getAttribute("data-title") || slug;
      }
    }
    return slug;
  }

  function storageWorks() {
    try {
      window.localStorage.setItem(KEY + ":test", "1");
      window.localStorage.removeItem(KEY + ":test");
      return true;
    } catch (error) {
      return false;
    }
  }

  if (!storageWorks()) {
    return;
  }

  function sync() {
    var items = read();
    document.querySelectorAll(".list-toggle").forEach(function (button) {
      var listed = indexOf(items, button.getAttribute("data-slug")) >= 0;
      button.setAttribute("aria-pressed", listed ? "true" : "false");
      button.hidden = false;
    });
    document.querySelectorAll(".list-actions").forEach(function (actions) {
      actions.hidden = false;
    });
  }

  function toggle(button) {
    var slug = button.getAttribute("data-slug");
    var items = read();
    var at = indexOf(items, slug);
    if (at >= 0) {
      items.splice(at, 1);
    } else {
      items.push({ s: slug, t: button.getAttribute("data-title") || slug });
    }
    write(items);
    sync();
  }

  function say(element, text) {
    if (element) {
      element.textContent = text;
    }
  }

  function enhance(container) {
    var shared = container.getAttribute("data-shared") === "true";
    var saveAll = container.querySelector(".js-save-all");
    if (saveAll && shared) {
      saveAll.parentNode.hidden = false;
      saveAll.addEventListener("click", function () {
        var items = read();
        saveAll
          .getAttribute("data-slugs")
          .split(",")
          .forEach(function (slug) {
            if (slug && indexOf(items, slug) < 0) {
              items.push({ s: slug, t: titleOf(slug) });
            }
          });
        write(items);
        sync();
        say(container.querySelector(".js-save-status"), saveAll.getAttribute("data-saved"));
      });
    }
    var share = container.querySelector(".js-share");
    if (share && (navigator.share || (navigator.clipboard && navigator.clipboard.writeText))) {
      share.parentNode.hidden = false;
      share.addEventListener("click", function () {
        var url = share.getAttribute("data-url");
        if (navigator.share) {
          navigator.share({ title: share.getAttribute("data-title"), url: url }).catch(function () {});
          return;
        }
        navigator.clipboard.writeText(url).then(function () {
          say(container.querySelector(".js-share-status"), share.getAttribute("data-copied"));
        });
      });
    }
  }

  function showOffline(container, items) {
    var offline = container.querySelector(".js-offline-list");
    if (!offline) {
      return;
    }
    var list = offline.querySelector("ol");
    var pattern = offline.getAttribute("data-exhibit-url");
    list.textContent = "";
    items.forEach(function (item) {
      var link = document.createElement("a");
      link.href = pattern.replace("__slug__", encodeURIComponent(item.s));
      link.textContent = item.t || item.s;
      var entry = document.createElement("li");
      entry.appendChild(link);
      list.appendChild(entry);
    });
    container.querySelectorAll(".empty").forEach(function (empty) {
      empty.hidden = true;
    });
    offline.hidden = false;
  }

  function showStoredList(container) {
    var items = read();
    if (!items.length || !window.fetch || !window.DOMParser) {
      return;
    }
    var url =
      container.getAttribute("data-list-url") +
      "?e=" +
      items
        .map(function (item) {
          return encodeURIComponent(item.s);
        })
        .join(",");
    container.setAttribute("aria-busy", "true");
    fetch(url, { headers: { Accept: "text/html" }, credentials: "omit" })
      .then(function (response) {
        if (!response.ok) {
          throw new Error("The list did not load: " + response.status);
        }
        return response.text();
      })
      .then(function (html) {
        var fresh = new DOMParser().parseFromString(html, "text/html").getElementById("my-list");
        if (!fresh) {
          throw new Error("The list did not load.");
        }
        fresh.removeAttribute("data-shared");
        container.replaceWith(fresh);
        container = fresh;
        enhance(fresh);
        sync();
      })
      .catch(function () {
        showOffline(container, items);
      })
      .finally(function () {
        container.removeAttribute("aria-busy");
      });
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest ? event.target.closest(".list-toggle") : null;
    if (button) {
      event.preventDefault();
      toggle(button);
    }
  });

  // Another tab changed the list.
  window.addEventListener("storage", function (event) {
    if (event.key === KEY) {
      sync();
    }
  });

  function start() {
    sync();
    var container = document.getElementById("my-list");
    if (container) {
      enhance(container);
      if (container.getAttribute("data-shared") !== "true") {
        showStoredList(container);
      }
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
