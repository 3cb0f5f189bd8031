// Versus enhancements. Every page works without this file: forms are plain GET forms and
// links are links. With it, forms marked data-live update their results in place and keep
// the address bar in sync, the filter gets select all / none, and the header gets a
// dark-mode toggle that remembers the choice.
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

  setupThemeToggle();
  setupLiveForm();
  setupBulkSelect();
})();
