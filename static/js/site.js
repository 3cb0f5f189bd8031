// Versus enhancements. Every page works without this file: forms are plain GET forms and
// links are links. With it, forms marked data-live update their results in place and keep
// the address bar in sync, a static copy of the site narrows /compare as the server would,
// the filter gets select all / none, the header gets a dark-mode toggle that remembers
// the choice, and Share and Copy buttons appear beside the permalinks and the embed snippet.
(function () {
  "use strict";

  // Theme toggle: light <-> dark, remembered; the system setting decides until then.
  function setupThemeToggle() {
    var button = document.querySelector("[data-theme-toggle]");
    if (!button) return;
    var media = window.matchMedia("(prefers-color-scheme: dark)");
    function current() {
      return document.documentElement.dataset.theme || (media.matches ? "dark" : "light");
    }
    function render() {
      var dark = current() === "dark";
      button.setAttribute("aria-pressed", dark ? "true" : "false");
      button.textContent = "Dark mode";
    }
    button.hidden = false;
    render();
    button.addEventListener("click", function () {
      var next = current() === "dark" ? "light" : "dark";
      document.documentElement.dataset.theme = next;
      try { localStorage.setItem("versus-theme", next); } catch (e) { /* not remembered */ }
      render();
    });
    media.addEventListener("change", render);
  }

  // Live forms: fetch the form's page, swap #results, and push the URL.
  function formURL(form) {
    var params = new URLSearchParams(new FormData(form)).toString();
    return form.action + (params ? "?" + params : "");
  }

  var pending = null;

  // load shows the page at url, and pushes url when push is true. It fetches source
  // instead when given: the plain page, when the page a static host sent for url shows
  // less than url asks for. push is null when the page at url is already shown: then a
  // failure leaves it, rather than loading it again.
  function load(form, url, push, source) {
    if (pending) pending.abort();
    pending = new AbortController();
    var signal = pending.signal;
    var results = document.getElementById("results");
    if (results) results.setAttribute("aria-busy", "true");
    return fetch(source || url, { signal: signal, headers: { Accept: "text/html" } })
      .then(function (response) {
        if (!response.ok) throw new Error("HTTP " + response.status);
        return response.text();
      })
      .then(function (html) {
        var doc = new DOMParser().parseFromString(html, "text/html");
        var fresh = doc.getElementById("results");
        var current = document.getElementById("results");
        if (!fresh || !current) throw new Error("no results on the page");
        return narrower(fresh, url).then(function (narrow) {
          var view = narrow && narrow.view(form, fresh, url);
          if (view && !view.fits && !source) return load(form, url, push, form.action);
          if (signal.aborted) return;
          current.replaceWith(fresh);
          document.title = doc.title;
          if (view && view.fits) narrow.narrow(form, fresh, view);
          if (push && new URL(url, location.href).href !== location.href) {
            history.pushState({ live: true }, "", url);
          } else if (!push && !view) {
            syncForm(form, doc);
          }
          announce(fresh);
        });
      })
      .catch(function (err) {
        if (err.name === "AbortError") return;
        if (push !== null) window.location.href = url; // fall back to a normal page load
        else if (results) results.removeAttribute("aria-busy");
      });
  }

  // After back or forward, make the controls show what the URL says.
  function syncForm(form, doc) {
    var fresh = doc.querySelector("form[data-live]");
    if (!fresh) return;
    form.querySelectorAll("input[type=checkbox]").forEach(function (box) {
      var twin = fresh.querySelector('input[name="' + box.name + '"][value="' + CSS.escape(box.value) + '"]');
      box.checked = !!(twin && twin.checked);
    });
    form.querySelectorAll("select").forEach(function (select) {
      var twin = fresh.querySelector("#" + CSS.escape(select.id));
      if (twin) select.value = twin.value;
    });
  }

  function announce(results) {
    var status = document.getElementById("live-status");
    var source = results.querySelector("[data-status]");
    if (status && source) status.textContent = source.textContent.trim();
  }

  // Static hosts. A copy of the site made by versus export has one file per page, so a
  // static host answers /compare?c=… with the whole table. #results names the criteria
  // and subjects it shows (data-shown-criteria, data-shown-subjects). When the address
  // may ask for fewer, static/js/narrow.js (#results' data-narrow) is loaded: it reads
  // the address as the server does and, if the page shows more, removes the rest.
  // mayNarrow is false when the page surely shows what the address asks for: the
  // criteria (c) and subjects (s) it names, in that order, or all of them when it names
  // none, as every host's page for such an address does. The server's own pages always
  // show what their address asks for; narrow.js is loaded for them only when the
  // address is not in the server's words (a group, another order, an unknown value), and
  // finds nothing to do.
  function mayNarrow(results, url) {
    var params = new URL(url, location.href).searchParams;
    function differs(name, shown) {
      var asked = params.getAll(name).join(",").toLowerCase().split(",")
        .map(function (v) { return v.trim(); }).filter(Boolean).join(" ");
      return asked && asked !== shown;
    }
    return !!results && results.hasAttribute("data-shown-criteria") && (params.has("g") ||
      differs("c", results.getAttribute("data-shown-criteria")) || differs("s", results.getAttribute("data-shown-subjects")));
  }

  // narrower loads narrow.js, once, when results may need narrowing for url.
  var narrowJS = null;

  function narrower(results, url) {
    if (!mayNarrow(results, url)) return Promise.resolve(null);
    return narrowJS = narrowJS || new Promise(function (resolve, reject) {
      var script = document.createElement("script");
      script.src = results.getAttribute("data-narrow");
      script.onload = function () { resolve(window.versusNarrow); };
      script.onerror = reject;
      document.head.appendChild(script);
    });
  }

  function setupLiveForm() {
    var form = document.querySelector("form[data-live]");
    if (!form || !window.fetch || !window.history.pushState) return;
    // A page a static host may have sent for another view is fetched again (the browser
    // revalidates its copy, as a rule) and narrowed.
    if (mayNarrow(document.getElementById("results"), location.href)) load(form, location.href, null);
    form.addEventListener("change", function () { load(form, formURL(form), true); });
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      load(form, formURL(form), true);
    });
    window.addEventListener("popstate", function () { load(form, window.location.href, false); });
  }

  // Select all / none for the criteria filter.
  function setupBulkSelect() {
    document.querySelectorAll("[data-bulk]").forEach(function (bar) {
      var form = bar.closest("form");
      bar.hidden = false;
      bar.addEventListener("click", function (event) {
        var button = event.target.closest("[data-check]");
        if (!button) return;
        var check = button.dataset.check === "all";
        form.querySelectorAll('input[type=checkbox][name="c"]').forEach(function (box) { box.checked = check; });
        form.dispatchEvent(new Event("change", { bubbles: true }));
      });
    });
  }

  // Share and copy. A Share button (data-share: a section's id, or empty for the page)
  // hands the section's link to the Web Share API where the browser has one, and copies it
  // otherwise; a Copy button (data-copy: the id of a field) copies the field's text. Either
  // says what happened in the status beside it (role=status), for a few seconds.
  function copyText(text) {
    if (navigator.clipboard && navigator.clipboard.writeText) {
      return navigator.clipboard.writeText(text).catch(function () { return copyBySelection(text); });
    }
    return copyBySelection(text);
  }

  // The old way, for browsers without the Clipboard API or where it is denied: select the
  // text in a field off screen and ask the browser to copy the selection.
  function copyBySelection(text) {
    return new Promise(function (resolve, reject) {
      var focused = document.activeElement;
      var field = document.createElement("textarea");
      field.className = "copy-buffer";
      field.value = text;
      field.setAttribute("readonly", "");
      field.setAttribute("aria-hidden", "true");
      document.body.appendChild(field);
      field.select();
      var copied = false;
      try { copied = document.execCommand("copy"); } catch (e) { /* not supported */ }
      field.remove();
      if (focused && focused.focus) focused.focus();
      if (copied) resolve(); else reject(new Error("copy failed"));
    });
  }

  function tell(button, message) {
    var status = button.parentNode.querySelector(".share-status");
    if (!status) return;
    clearTimeout(status.clearTimer);
    status.textContent = message;
    status.clearTimer = setTimeout(function () { status.textContent = ""; }, 4000);
  }

  function copyAndTell(button, text, done) {
    copyText(text).then(
      function () { tell(button, done); },
      function () { tell(button, "Could not copy; select the text and copy it yourself"); });
  }

  function shareLink(button) {
    var id = button.dataset.share;
    var url = location.origin + location.pathname + (id ? "#" + id : "");
    var title = button.dataset.shareTitle || document.title;
    if (navigator.share) {
      navigator.share({ title: title, url: url }).catch(function (err) {
        // The reader closed the share sheet: nothing to do. Anything else: copy instead.
        if (err && err.name !== "AbortError") copyAndTell(button, url, "Link copied");
      });
      return;
    }
    copyAndTell(button, url, "Link copied");
  }

  function setupShare() {
    // An embed snippet written without the site's address (no --base-url) gets this
    // page's origin, so that it works when pasted on another site.
    document.querySelectorAll("textarea[data-origin-relative]").forEach(function (field) {
      field.value = field.value.replace(/src="\//g, 'src="' + location.origin + "/");
    });
    document.querySelectorAll("[data-share], [data-copy]").forEach(function (button) {
      button.hidden = false;
      button.addEventListener("click", function () {
        if (button.hasAttribute("data-share")) {
          shareLink(button);
          return;
        }
        var field = document.getElementById(button.dataset.copy);
        if (field) copyAndTell(button, field.value || field.textContent, "Copied");
      });
    });
  }

  setupThemeToggle();
  setupLiveForm();
  setupBulkSelect();
  setupShare();
})();
