package e2e

import (
	"context"
	"fmt"
	"math"
	"mime"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"sync"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/versus-web/versus/content"
	"github.com/versus-web/versus/internal/catalog"
	"github.com/versus-web/versus/internal/export"
	"github.com/versus-web/versus/internal/paths"
	"github.com/versus-web/versus/internal/server"
	"github.com/versus-web/versus/static"
)

var (
	exportOnce sync.Once
	exportURL  string
	exportErr  error
)

// exportedSite writes versus export of the real content once, into a temporary folder,
// and serves it with staticHost: no versus behind it.
func exportedSite(t *testing.T) string {
	t.Helper()
	exportOnce.Do(func() {
		srv, err := server.Open(content.FS(), static.FS(), catalog.Options{}, server.Options{})
		if err != nil {
			exportErr = err
			return
		}
		dir, err := os.MkdirTemp("", "versus-export-")
		if err != nil {
			exportErr = err
			return
		}
		teardown = append(teardown, func() { os.RemoveAll(dir) })
		if _, err := export.Write(dir, srv.Static()); err != nil {
			exportErr = fmt.Errorf("exporting: %w", err)
			return
		}
		ts := httptest.NewServer(staticHost(dir))
		teardown = append(teardown, ts.Close)
		exportURL = ts.URL
	})
	if exportErr != nil {
		t.Fatal(exportErr)
	}
	return exportURL
}

// groupOnly is the query deploy/nginx-export.conf sends to a group's own file.
var groupOnly = regexp.MustCompile(`^g=([a-z0-9]+(-[a-z0-9]+)*)$`)

// staticHost serves an export's files as deploy/nginx-export.conf does, and as any
// static host does: by path alone, whatever the query (but for /compare?g=GROUP, which
// has its own file), trying the path, then path.html and path.json; 404.html otherwise.
func staticHost(dir string) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		name, status := r.URL.Path, http.StatusOK
		switch m := groupOnly.FindStringSubmatch(r.URL.RawQuery); {
		case name == paths.Home:
			name = "/index"
		case name == paths.Compare && m != nil:
			name = "/compare/g/" + m[1]
		}
		for _, try := range []string{name, name + ".html", name + ".json", "/404.html"} {
			file := filepath.Join(dir, filepath.FromSlash(strings.TrimPrefix(try, "/")))
			if st, err := os.Stat(file); err != nil || !st.Mode().IsRegular() {
				continue
			}
			if try == "/404.html" {
				status = http.StatusNotFound
			}
			body, err := os.ReadFile(file)
			if err != nil {
				http.Error(w, err.Error(), http.StatusInternalServerError)
				return
			}
			w.Header().Set("Content-Type", mime.TypeByExtension(filepath.Ext(file)))
			w.WriteHeader(status)
			w.Write(body)
			return
		}
		http.NotFound(w, r)
	})
}

// compareView is what a /compare page shows, read from its DOM: everything the server
// words or draws for the view, so that a view narrowed in the browser can be checked
// against the server's own.
type compareView struct {
	Title     string   `json:"title"`
	Status    string   `json:"status"`
	Shown     string   `json:"shown"`
	Caption   string   `json:"caption"`
	Legend    []string `json:"legend"`
	ChartText []string `json:"chartText"`
	Drawings  []string `json:"drawings"` // viewBox, label, grid, and each row's label at its track's height
	Table     []string `json:"table"`    // each row's cells: colspan and text
	Checked   []string `json:"checked"`
	// Markers are the centres of the wide drawing's markers, row by row, as drawn (in
	// CSS pixels from the drawing's corner): their shapes may differ, their places not.
	Markers [][][2]float64 `json:"markers"`
}

const readCompareView = `(() => {
	const r = document.getElementById("results");
	const norm = s => s.replace(/\s+/g, " ").trim();
	const all = (el, sel) => [...el.querySelectorAll(sel)];
	const dy = g => { const t = g.transform.baseVal.consolidate(); return t ? t.matrix.f : 0; };
	const wide = r.querySelector(".chart-wide"), corner = wide.getBoundingClientRect();
	return {
		title: document.title,
		status: norm(r.querySelector("[data-status]").textContent),
		shown: r.dataset.shownCriteria + " | " + r.dataset.shownSubjects,
		caption: norm(r.querySelector("figcaption").textContent),
		legend: all(r, ".chart-legend li").map(li => norm(li.textContent)),
		chartText: all(r, ".chart-text li").map(li => norm(li.textContent)),
		drawings: all(r, ".chart-svg").map(svg => [svg.getAttribute("viewBox"), svg.getAttribute("aria-label"),
			...all(svg, ".chart-grid").map(l => "grid to " + l.getAttribute("y2")),
			...all(svg, ".chart-axis").map(t => "axis at " + t.getAttribute("y")),
			...all(svg, "g").map(g => norm(g.querySelector(".chart-label").textContent) + " at " +
				(+g.querySelector(".chart-track").getAttribute("y1") + dy(g)))].join("\n")),
		table: all(r, "table.comparison tr").map(tr => [...tr.cells].map(c => c.colSpan + " " + norm(c.textContent)).join(" | ")),
		checked: all(document, "form[data-live] input:checked").map(i => i.name + "=" + i.value),
		markers: all(wide, "g").map(g => all(g, ".series").map(m => {
			const b = m.getBoundingClientRect();
			return [b.x + b.width / 2 - corner.x, b.y + b.height / 2 - corner.y];
		})),
	};
})()`

// sameView reports how got, a view narrowed in the browser, differs from want, the
// server's.
func sameView(t *testing.T, got, want compareView) {
	t.Helper()
	gotMarkers, wantMarkers := got.Markers, want.Markers
	got.Markers, want.Markers = nil, nil
	gv, wv := reflect.ValueOf(got), reflect.ValueOf(want)
	for i := range gv.NumField() {
		if g, w := gv.Field(i).Interface(), wv.Field(i).Interface(); !reflect.DeepEqual(g, w) {
			t.Errorf("%s:\n got %#v\nwant %#v", gv.Type().Field(i).Name, g, w)
		}
	}
	if len(gotMarkers) != len(wantMarkers) {
		t.Fatalf("markers in %d rows, want %d", len(gotMarkers), len(wantMarkers))
	}
	for i := range wantMarkers {
		if len(gotMarkers[i]) != len(wantMarkers[i]) {
			t.Errorf("row %d: %d markers, want %d", i, len(gotMarkers[i]), len(wantMarkers[i]))
			continue
		}
		for j, w := range wantMarkers[i] {
			if g := gotMarkers[i][j]; math.Abs(g[0]-w[0]) > 0.5 || math.Abs(g[1]-w[1]) > 0.5 {
				t.Errorf("row %d, marker %d at %v, want %v", i, j, g, w)
			}
		}
	}
}

// serverView is the view the server renders for path, read in a browser with
// JavaScript on.
func serverView(t *testing.T, e env, path string) compareView {
	t.Helper()
	ctx := tab(t, e, 1280, true)
	do(t, ctx, chromedp.Navigate(e.baseURL+path))
	return eval[compareView](t, ctx, readCompareView)
}

// waitForView waits until the page shows the criteria and subjects of want.
func waitForView(t *testing.T, ctx context.Context, want compareView) {
	t.Helper()
	waitFor(t, ctx, fmt.Sprintf(`(r => r.dataset.shownCriteria + " | " + r.dataset.shownSubjects === %s && !r.hasAttribute("aria-busy"))(document.getElementById("results"))`,
		jsString(want.Shown)))
}

// TestStaticHostFilterOnLoad: an export's /compare answers every query with the whole
// table; with JavaScript on, the page narrows itself to the view its address asks for,
// and shows what the server shows for that address, but for the CSV, which is the whole
// table and says so. Groups (which have their own file), other orders, upper case and
// unknown values are read as the server reads them.
func TestStaticHostFilterOnLoad(t *testing.T) {
	e := setup(t)
	site := exportedSite(t)
	for _, tt := range []struct {
		path     string
		narrowed bool // in the browser; otherwise the static host has the file
	}{
		{"/compare?c=security&c=data-orm", true},
		{"/compare?c=data-orm,%20AUTH&c=nope&c=security", true},
		{"/compare?s=django", true},
		{"/compare?g=security&s=nodejs", true},
		{"/compare?g=security", false},
		{"/compare", false},
	} {
		t.Run(tt.path, func(t *testing.T) {
			want := serverView(t, e, tt.path)
			ctx := tab(t, e, 1280, true)
			do(t, ctx, chromedp.Navigate(site+tt.path))
			waitForView(t, ctx, want)
			sameView(t, eval[compareView](t, ctx, readCompareView), want)
			if got := location(t, ctx); got != tt.path {
				t.Errorf("the address is %s, want %s", got, tt.path)
			}
			csv := eval[string](t, ctx, `document.querySelector("#results .download").textContent`)
			if narrowedCSV := strings.Contains(csv, "cannot narrow"); narrowedCSV != tt.narrowed {
				t.Errorf("the CSV link says %q", csv)
			}
			if tt.narrowed {
				if href := eval[string](t, ctx, `document.querySelector("#results .download a").getAttribute("href")`); href != paths.CompareCSV {
					t.Errorf("the CSV link goes to %s, want the whole table's, %s", href, paths.CompareCSV)
				}
			}
		})
	}
}

// TestStaticHostFilterLive: on an export, ticking criteria narrows the whole table the
// static host sends to the ticked ones, in place, with the address in the bar; back
// goes to the previous view. Each view is the server's for the same address.
func TestStaticHostFilterLive(t *testing.T) {
	e := setup(t)
	site := exportedSite(t)
	ctx := tab(t, e, 1280, true)
	do(t, ctx, chromedp.Navigate(site+"/compare"))
	eval[bool](t, ctx, "window.__samePage = true")

	do(t, ctx, chromedp.Click(chromedp.CSS(`input[name=c][value=security]`)))
	one := serverView(t, e, "/compare?c=security")
	waitFor(t, ctx, `location.search === "?c=security"`)
	waitForView(t, ctx, one)
	do(t, ctx, chromedp.Click(chromedp.CSS(`input[name=c][value=data-orm]`)))
	two := serverView(t, e, "/compare?c=security&c=data-orm")
	waitFor(t, ctx, `location.search === "?c=security&c=data-orm"`)
	waitForView(t, ctx, two)
	got := eval[compareView](t, ctx, readCompareView)
	sameView(t, got, two)
	// What the server shows, and so the browser: two rows in two groups, said so in the
	// status, the title and the chart.
	if !strings.HasPrefix(got.Title, "2 of ") || !strings.HasPrefix(got.Status, "Showing 2 of ") ||
		len(got.Table) != 5 || len(got.ChartText) != 2 || strings.Count(got.Drawings[0], " at ") != 2+5 {
		t.Errorf("two criteria are shown as %+v", got)
	}
	if status := eval[string](t, ctx, "document.getElementById('live-status').textContent"); status != two.Status {
		t.Errorf("live status = %q, want %q", status, two.Status)
	}

	back(t, ctx)
	waitFor(t, ctx, `location.search === "?c=security"`)
	waitForView(t, ctx, one)
	sameView(t, eval[compareView](t, ctx, readCompareView), one)

	do(t, ctx, chromedp.Click(chromedp.CSS(`[data-check=none]`)))
	all := serverView(t, e, "/compare")
	waitFor(t, ctx, `location.search === ""`)
	waitForView(t, ctx, all)
	sameView(t, eval[compareView](t, ctx, readCompareView), all)
	if !eval[bool](t, ctx, "window.__samePage === true") {
		t.Error("the page reloaded; the table should change in place")
	}
}

// TestStaticHostFilterWithoutJavaScript: without JavaScript, a static host's /compare
// shows the whole table for any query, and says so.
func TestStaticHostFilterWithoutJavaScript(t *testing.T) {
	e := setup(t)
	site := exportedSite(t)
	ctx := tab(t, e, 1280, false)
	do(t, ctx, chromedp.Navigate(site+"/compare?c=security&c=data-orm"))
	want := serverView(t, e, "/compare")
	sameView(t, eval[compareView](t, ctx, readCompareView), want)
}

// TestServerFilterIsNotNarrowedAgain: the server's pages show what their address asks
// for, so the browser leaves them as they are: narrow.js is not even loaded for an
// address in the server's words, and changes nothing when it is (for a group).
func TestServerFilterIsNotNarrowedAgain(t *testing.T) {
	e := setup(t)
	ctx := tab(t, e, 1280, true)
	do(t, ctx, chromedp.Navigate(e.baseURL+"/compare?c=security&c=data-orm"))
	do(t, ctx, chromedp.Click(chromedp.CSS(`input[name=c][value=auth]`)))
	waitFor(t, ctx, `location.search === "?c=security&c=auth&c=data-orm"`)
	waitFor(t, ctx, `!!document.querySelector('#results a[href="/criteria/auth"]')`)
	if href := eval[string](t, ctx, `document.querySelector("#results .download a").getAttribute("href")`); href != "/compare.csv?c=security&c=auth&c=data-orm" {
		t.Errorf("the CSV link goes to %s, want this view's", href)
	}
	if eval[bool](t, ctx, `"versusNarrow" in window || !!document.querySelector('script[src*="/narrow."]')`) {
		t.Error("narrow.js was loaded for the server's own view")
	}

	group := tab(t, e, 1280, true)
	do(t, group, chromedp.Navigate(e.baseURL+"/compare?g=security"))
	waitFor(t, group, `"versusNarrow" in window && !document.getElementById("results").hasAttribute("aria-busy")`)
	if href := eval[string](t, group, `document.querySelector("#results .download a").getAttribute("href")`); href != "/compare.csv?c=security&c=auth" {
		t.Errorf("the CSV link of the group's view goes to %s, want the view's", href)
	}
	if n := eval[int](t, group, `document.querySelectorAll(".chart-svg g[transform], .chart-svg [transform]").length`); n != 0 {
		t.Errorf("%d parts of the chart were moved", n)
	}
}
