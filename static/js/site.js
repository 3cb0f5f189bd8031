// Versus enhancements. Every page works without this file: forms are plain GET forms and
// links are links. With it, forms marked data-live update their results in place and keep
// the address bar in sync, the filter gets select all / none, the header gets a
// dark-mode toggle that remembers the choice, and Share and Copy buttons appear beside
// the permalinks and the embed snippet.
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

  function load(form, url, push) {
    if (pending) pending.abort();
    pending = new AbortController();
    var results = document.getElementById("results");
    if (results) results.setAttribute("aria-busy", "true");
    return fetch(url, { signal: pending.signal, headers: { Accept: "text/html" } })
      .then(function (response) {
        if (!response.ok) throw new Error("HTTP " + response.status);
        return response.text();
      })
      .then(function (html) {
        var doc = new DOMParser().parseFromString(html, "text/html");
        var fresh = doc.getElementById("results");
        var current = document.getElementById("results");
        if (!fresh || !current) throw new Error("no results on the page");
        current.replaceWith(fresh);
        document.title = doc.title;
        if (push && new URL(url, location.href).href !== location.href) {
          history.pushState({ live: true }, "", url);
        } else if (!push) {
          syncForm(form, doc);
        }
        announce(fresh);
      })
      .catch(function (err) {
        if (err.name === "AbortError") return;
        window.location.href = url; // fall back to a normal page load
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

  function setupLiveForm() {
    var form = document.querySelector("form[data-live]");
    if (!form || !window.fetch || !window.history.pushState) return;
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
