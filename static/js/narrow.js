// Narrows a /compare page that a static host sent whole. versus export writes one file
// per page, so nginx or a CDN answers every /compare query with the whole table. site.js
// loads this file when the address may ask for less than #results shows (see "Static
// hosts" there); view reads what the address asks for, and narrow removes what the view
// leaves out of the table, the chart and its text, and words what is left as
// web/compare.templ does.
(function () {
  "use strict";

  // askedView reads the view url asks for as parseSelection (internal/server/compare.go)
  // does: criteria c, groups g and subjects s, repeated or comma-separated; unknown
  // values are ignored, and nothing known means everything. The form lists every
  // criterion and group, and every subject when there are more than two; results names
  // those it shows. It returns null when results shows that view, and otherwise the view,
  // with fits saying whether results shows all the view needs.
  function askedView(form, results, url) {
    var criteria = results && results.getAttribute("data-shown-criteria");
    if (!form || criteria === null) return null;
    var params = new URL(url, location.href).searchParams;
    function values(name, known) {
      var out = [];
      params.getAll(name).forEach(function (raw) {
        raw.split(",").forEach(function (v) {
          v = v.trim().toLowerCase();
          if (v && out.indexOf(v) < 0 && out.length < 200) out.push(v);
        });
      });
      return known ? out.filter(function (v) { return known.indexOf(v) >= 0; }) : out;
    }
    function boxes(scope, name) {
      return [].map.call(scope.querySelectorAll('input[name="' + name + '"]'), function (box) { return box.value; });
    }
    function only(all, chosen) {
      return all.filter(function (v) { return !chosen.length || chosen.indexOf(v) >= 0; });
    }
    var shown = { criteria: criteria.split(" "), subjects: results.getAttribute("data-shown-subjects").split(" ") };
    var all = boxes(form, "c"), subjects = boxes(form, "s");
    shown.subjects.forEach(function (id) { if (subjects.indexOf(id) < 0) subjects.push(id); });
    var view = { c: values("c", all), s: values("s", subjects), total: all.length, shown: shown };
    values("g").forEach(function (g) {
      form.querySelectorAll("fieldset").forEach(function (set) {
        var link = set.querySelector(".group-links a");
        if (link && new URL(link.href).searchParams.get("g") === g) view.c = view.c.concat(boxes(set, "c"));
      });
    });
    view.criteria = only(all, view.c);
    view.subjects = only(subjects, view.s);
    if (view.criteria.join(" ") === criteria && view.subjects.join(" ") === shown.subjects.join(" ")) return null;
    view.fits = only(view.criteria, shown.criteria).length === view.criteria.length &&
      only(view.subjects, shown.subjects).length === view.subjects.length;
    return view;
  }

  // drop removes each element of list whose entry in kept is false.
  function drop(list, kept) {
    [].forEach.call(list, function (el, i) {
      if (kept[i] === false) el.remove();
    });
  }

  // spread is markerY in web/chartsvg.go: the markers of equal ratings in a row sit 7
  // apart, centred on the track. kept, when given, says which subjects are left.
  function spread(values, kept, s) {
    var same = 0, before = 0;
    values.forEach(function (v, i) {
      if (v === values[s] && (!kept || kept[i])) {
        same++;
        if (i < s) before++;
      }
    });
    return same < 2 ? 0 : (before - (same - 1) / 2) * 7;
  }

  // narrowChart removes the rows and subjects the view leaves out of each drawing, moves
  // the rows left up into their places and makes the drawing shorter to match.
  function narrowChart(svg, rowKept, subjectKept, names) {
    var rows = svg.querySelectorAll("g");
    var y = [].map.call(rows, function (g) { return +g.querySelector(".chart-track").getAttribute("y1"); });
    var n = 0;
    rows.forEach(function (g, i) {
      if (!rowKept[i]) {
        g.remove();
        return;
      }
      if (y[n] !== y[i]) g.setAttribute("transform", "translate(0 " + (y[n] - y[i]) + ")");
      n++;
      var values = g.getAttribute("data-v").split(" ").map(Number);
      var markers = g.querySelectorAll(".series"), m = 0;
      values.forEach(function (v, s) {
        if (!v) return;
        var marker = markers[m++];
        var dy = spread(values, subjectKept, s) - spread(values, null, s);
        if (!subjectKept[s]) marker.remove();
        else if (dy) marker.setAttribute("transform", "translate(0 " + dy + ")");
      });
    });
    var up = y[y.length - 1] - y[n - 1];
    var box = svg.getAttribute("viewBox").split(" ");
    box[3] -= up;
    svg.setAttribute("viewBox", box.join(" "));
    svg.querySelectorAll(".chart-grid").forEach(function (line) { line.setAttribute("y2", line.getAttribute("y2") - up); });
    svg.querySelectorAll(".chart-axis").forEach(function (text) { text.setAttribute("y", text.getAttribute("y") - up); });
    svg.setAttribute("aria-label", svg.getAttribute("aria-label")
      .replace(/for .* on \d+ rows/, "for " + names.join(" and ") + " on " + n + " rows"));
  }

  // narrow removes from results, which shows all that view needs and more, what the view
  // leaves out, and words what is left as web/compare.templ does. The CSV is the static
  // host's file of everything, and says so.
  function narrow(form, results, view) {
    var rowKept = view.shown.criteria.map(function (slug) { return view.criteria.indexOf(slug) >= 0; });
    var subjectKept = view.shown.subjects.map(function (id) { return view.subjects.indexOf(id) >= 0; });
    var heads = [].slice.call(results.querySelectorAll("thead th"), 1, -1);
    var names = heads.map(function (th) { return th.textContent; }).filter(function (name, i) { return subjectKept[i]; });
    drop(heads, subjectKept);
    drop(results.querySelectorAll("tbody tr:not(.group-row)"), rowKept);
    results.querySelectorAll("tbody").forEach(function (body) {
      if (body.rows.length < 2) {
        body.remove();
        return;
      }
      body.rows[0].cells[0].colSpan = view.subjects.length + 2;
      [].forEach.call(body.rows, function (row) { drop(row.querySelectorAll(".subject-cell"), subjectKept); });
    });
    drop(results.querySelectorAll(".chart-legend li"), subjectKept);
    drop(results.querySelectorAll(".chart-text li"), rowKept);
    results.querySelectorAll(".chart-text li").forEach(function (li) {
      var parts = [].filter.call(li.querySelectorAll("span"), function (part, i) { return subjectKept[i]; });
      while (li.childNodes.length > 1) li.lastChild.remove();
      parts.forEach(function (part, i) { li.append(i ? "; " : "", part); });
    });
    results.querySelectorAll(".chart-svg").forEach(function (svg) { narrowChart(svg, rowKept, subjectKept, names); });

    var count = view.criteria.length, total = view.total;
    var caption = results.querySelector("figcaption");
    if (count < total) caption.textContent = caption.textContent.replace("every criterion", "the selected criteria");
    results.querySelector("[data-status]").textContent = count === total ? "Showing all " + total + " criteria." :
      "Showing " + count + " of " + total + " criteria. The address of this page is a link to exactly this view.";
    document.title = (count < total ? count + " of " + total + " criteria" : "Filter") +
      document.title.slice(document.title.indexOf(" \u00b7 "));
    var csv = results.querySelector(".download a");
    csv.setAttribute("href", csv.pathname);
    csv.textContent = "Download the whole table as CSV";
    csv.nextElementSibling.textContent = "(every criterion and subject: this copy of the site cannot narrow the CSV)";
    results.setAttribute("data-shown-criteria", view.criteria.join(" "));
    results.setAttribute("data-shown-subjects", view.subjects.join(" "));
    form.querySelectorAll("input[type=checkbox]").forEach(function (box) {
      box.checked = (box.name === "s" ? view.s : view.c).indexOf(box.value) >= 0;
    });
  }

  window.versusNarrow = { view: askedView, narrow: narrow };
})();
