package e2e

import (
	"context"
	"fmt"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/versus-web/versus/content"
	"github.com/versus-web/versus/internal/catalog"
	"github.com/versus-web/versus/internal/server"
	"github.com/versus-web/versus/static"
)

// Artifacts and the axe-core script, relative to this package.
const (
	artifactDir = "artifacts"
	axePath     = "../../node_modules/axe-core/axe.min.js"
)

// env is what every browser test shares: one server, one browser, and one URL of every
// kind of page, from the server's page registry.
type env struct {
	baseURL string
	browser context.Context
	pages   []server.PageExample // one URL of every kind of HTML page
	paths   []string             // every HTML page the site has
}

var (
	shared    env
	setupErr  error
	setupSkip string
	setupOnce sync.Once
	teardown  []func()
)

func TestMain(m *testing.M) {
	code := m.Run()
	for i := len(teardown) - 1; i >= 0; i-- {
		teardown[i]()
	}
	os.Exit(code)
}

// chromiumPath finds the browser: $VERSUS_CHROMIUM, or Debian's chromium on the PATH.
func chromiumPath() string {
	if p := os.Getenv("VERSUS_CHROMIUM"); p != "" {
		return p
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// setup starts the server and the browser once. Without Chromium the tests skip, except
// in CI, where a missing browser is a failure.
func setup(t *testing.T) env {
	t.Helper()
	setupOnce.Do(func() {
		exe := chromiumPath()
		if exe == "" {
			setupSkip = "Chromium not found: install Debian's chromium or set VERSUS_CHROMIUM"
			return
		}
		srv, err := server.Open(content.FS(), static.FS(), catalog.Options{}, server.Options{})
		if err != nil {
			setupErr = err
			return
		}
		for _, e := range server.Examples(srv.Catalog()) {
			if e.HTML {
				shared.pages = append(shared.pages, e)
			}
		}
		shared.paths = srv.HTMLPaths()
		ts := httptest.NewServer(srv)
		teardown = append(teardown, ts.Close)
		profile, err := os.MkdirTemp("", "versus-chromium-")
		if err != nil {
			setupErr = err
			return
		}
		teardown = append(teardown, func() { os.RemoveAll(profile) })
		opts := append(chromedp.DefaultExecAllocatorOptions[:],
			chromedp.ExecPath(exe),
			chromedp.UserDataDir(profile),
			chromedp.NoSandbox,
			chromedp.DisableGPU,
			chromedp.Flag("disable-dev-shm-usage", true),
			chromedp.Flag("disable-background-networking", true),
			chromedp.Flag("disable-component-update", true),
			chromedp.Flag("disable-sync", true),
			chromedp.Flag("no-first-run", true),
			// Without the back-forward cache, going back reloads the page and fires a
			// load event that chromedp.NavigateBack can wait for.
			chromedp.Flag("disable-features", "Translate,BlinkGenPropertyTrees,BackForwardCache"),
		)
		// Chromium now and then crashes while starting on a busy machine (every browser
		// test of one run failed so, and the next run passed), so it gets three tries.
		var browserCtx context.Context
		for try := 1; browserCtx == nil; try++ {
			allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
			ctx, cancelBrowser := chromedp.NewContext(allocCtx)
			err := chromedp.Do(ctx) // start the browser now
			if err == nil {
				browserCtx = ctx
				teardown = append(teardown, cancelAlloc, cancelBrowser)
				break
			}
			cancelBrowser()
			cancelAlloc()
			if try == 3 {
				setupErr = fmt.Errorf("starting Chromium (3 tries): %w", err)
				return
			}
			time.Sleep(time.Second)
		}
		shared.baseURL, shared.browser = ts.URL, browserCtx
		if err := os.MkdirAll(artifactDir, 0o755); err != nil {
			setupErr = err
		}
	})
	switch {
	case setupSkip != "" && os.Getenv("CI") != "":
		t.Fatalf("browser tests must run in CI: %s", setupSkip)
	case setupSkip != "":
		t.Skip("browser tests skipped: " + setupSkip)
	case setupErr != nil:
		t.Fatal(setupErr)
	}
	return shared
}

// tab opens a new tab of the given width, with JavaScript on or off, closed at cleanup.
func tab(t *testing.T, e env, width int64, js bool) context.Context {
	t.Helper()
	ctx, cancel := chromedp.NewContext(e.browser)
	t.Cleanup(cancel)
	ctx, cancelTimeout := context.WithTimeout(ctx, 60*time.Second)
	t.Cleanup(cancelTimeout)
	steps := []chromedp.Action[chromedp.Void]{chromedp.EmulateViewport(width, 900)}
	if !js {
		steps = append(steps, chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
			_, err := cdp.Call(ctx, tg, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true})
			return err
		}))
	}
	if err := chromedp.Do(ctx, steps...); err != nil {
		t.Fatal(err)
	}
	return ctx
}

// colorScheme emulates the system's light or dark preference.
func colorScheme(scheme string) chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		_, err := cdp.Call(ctx, tg, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
			Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: scheme}},
		})
		return err
	})
}

func mediaType(media string) chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		_, err := cdp.Call(ctx, tg, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: media})
		return err
	})
}

func do(t *testing.T, ctx context.Context, steps ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	if err := chromedp.Do(ctx, steps...); err != nil {
		t.Fatal(err)
	}
}

func eval[T any](t *testing.T, ctx context.Context, js string) T {
	t.Helper()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](js))
	if err != nil {
		t.Fatalf("evaluating %s: %v", js, err)
	}
	return v
}

// waitFor polls a JavaScript condition until it is true. A navigation under way (a form
// submitted, a link followed) interrupts a poll, so it starts again on the new page.
func waitFor(t *testing.T, ctx context.Context, condition string) {
	t.Helper()
	deadline := time.Now().Add(15 * time.Second)
	for {
		_, err := chromedp.Run(ctx, chromedp.Poll[bool](condition, chromedp.WithPollingTimeout(5*time.Second)))
		if err == nil {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("waiting for %s: %v", condition, err)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// back goes back to a history entry that JavaScript pushed, which fires no load event
// for chromedp.NavigateBack to wait for.
func back(t *testing.T, ctx context.Context) {
	t.Helper()
	eval[bool](t, ctx, "history.back() || true")
}

func location(t *testing.T, ctx context.Context) string {
	t.Helper()
	return eval[string](t, ctx, "location.pathname + location.search")
}

func screenshot(t *testing.T, ctx context.Context, name string) {
	t.Helper()
	png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil {
		t.Fatalf("screenshot %s: %v", name, err)
	}
	if err := os.WriteFile(filepath.Join(artifactDir, name+".png"), png, 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestEveryPageAtEveryWidth loads each page type at 1280 and 375 px with JavaScript on
// and off: the page never scrolls sideways, has one h1, and is saved as a screenshot.
func TestEveryPageAtEveryWidth(t *testing.T) {
	e := setup(t)
	for _, p := range e.pages {
		for _, width := range []int64{1280, 375} {
			for _, js := range []bool{true, false} {
				name := fmt.Sprintf("%s-%d-js-%s", p.Kind, width, map[bool]string{true: "on", false: "off"}[js])
				t.Run(name, func(t *testing.T) {
					ctx := tab(t, e, width, js)
					do(t, ctx, chromedp.Navigate(e.baseURL+p.Path))
					if over := eval[int](t, ctx, "document.documentElement.scrollWidth - document.documentElement.clientWidth"); over > 0 {
						t.Errorf("the page scrolls sideways by %d px", over)
					}
					if n := eval[int](t, ctx, "document.querySelectorAll('h1').length"); n != 1 {
						t.Errorf("%d h1 elements", n)
					}
					if p.Embeddable {
						// An embed is a small page of its own in another site's frame: none of
						// the site's header, and no scripts.
						if eval[bool](t, ctx, "!!document.querySelector('.site-header, [data-theme-toggle], script')") {
							t.Error("the embed has the site's header or a script")
						}
						screenshot(t, ctx, name)
						return
					}
					// The theme toggle needs JavaScript: without it, it is hidden, unseen and
					// out of the tab order.
					toggleShown := eval[bool](t, ctx, "!document.querySelector('[data-theme-toggle]').hidden")
					if toggleShown != js {
						t.Errorf("theme toggle shown = %v with JavaScript %v", toggleShown, js)
					}
					if visible := eval[bool](t, ctx, "document.querySelector('[data-theme-toggle]').checkVisibility({visibilityProperty: true})"); visible != js {
						t.Errorf("theme toggle visible = %v with JavaScript %v", visible, js)
					}
					if focused := eval[bool](t, ctx, "(b => (b.focus(), document.activeElement === b))(document.querySelector('[data-theme-toggle]'))"); focused != js {
						t.Errorf("theme toggle takes focus = %v with JavaScript %v", focused, js)
					}
					screenshot(t, ctx, name)
				})
			}
		}
	}
}

// TestPhoneTableKeepsSubjectsClear checks that on a phone every rating cell names its
// subject, and on a wide screen the header row stays in view while the table scrolls.
func TestTableLayout(t *testing.T) {
	e := setup(t)
	phone := tab(t, e, 375, true)
	do(t, phone, chromedp.Navigate(e.baseURL+"/"))
	hidden := eval[int](t, phone, `[...document.querySelectorAll('.comparison .subject-cell .cell-label')].filter(l => getComputedStyle(l).display === 'none').length`)
	total := eval[int](t, phone, `document.querySelectorAll('.comparison .subject-cell .cell-label').length`)
	if total == 0 || hidden > 0 {
		t.Errorf("phone: %d of %d subject labels hidden", hidden, total)
	}

	wide := tab(t, e, 1280, true)
	do(t, wide, chromedp.Navigate(e.baseURL+"/"))
	top := eval[float64](t, wide, `(() => {
		const table = document.querySelector('table.comparison');
		window.scrollTo(0, table.getBoundingClientRect().top + window.scrollY + 1500);
		return document.querySelector('.comparison thead th').getBoundingClientRect().top;
	})()`)
	if top < -1 || top > 1 {
		t.Errorf("table header is at %v px after scrolling, want 0 (sticky)", top)
	}
	if shown := eval[string](t, wide, "getComputedStyle(document.querySelector('.cell-label')).display"); shown != "none" {
		t.Errorf("wide: cell labels display %q, want none", shown)
	}
}

// scrollBoxes lists every element that scrolls (overflow auto or scroll, with more content
// than fits), with whether it takes keyboard focus and its accessible name.
const scrollBoxes = `[...document.querySelectorAll('body *')].filter(el => {
	const cs = getComputedStyle(el);
	return (/auto|scroll/.test(cs.overflowX) && el.scrollWidth > el.clientWidth + 1) ||
		(/auto|scroll/.test(cs.overflowY) && el.scrollHeight > el.clientHeight + 1);
}).map(el => ({
	element: el.tagName.toLowerCase() + (el.className ? '.' + el.className.split(' ').join('.') : ''),
	focusable: el.tabIndex >= 0,
	name: (el.getAttribute('aria-label') || (el.getAttribute('aria-labelledby') || '').split(/\s+/)
		.map(id => document.getElementById(id)?.textContent || '').join(' ') ||
		[...(el.labels || [])].map(l => l.textContent).join(' ')).trim(),
}))`

type scrollBox struct {
	Element   string `json:"element"`
	Focusable bool   `json:"focusable"`
	Name      string `json:"name"`
}

// TestScrollableRegions: on every page, at 1280 and 375 px, whatever scrolls inside the
// page takes keyboard focus and has a name, so a keyboard user can reach it and a screen
// reader says what it is. On a phone the wide table of the REST API article scrolls, and
// the arrow keys scroll it.
func TestScrollableRegions(t *testing.T) {
	e := setup(t)
	for _, width := range []int64{1280, 375} {
		for _, path := range e.paths {
			t.Run(fmt.Sprintf("%d%s", width, path), func(t *testing.T) {
				ctx := tab(t, e, width, true)
				do(t, ctx, chromedp.Navigate(e.baseURL+path))
				for _, box := range eval[[]scrollBox](t, ctx, scrollBoxes) {
					if !box.Focusable || box.Name == "" {
						t.Errorf("%s scrolls, but focusable = %v and name = %q", box.Element, box.Focusable, box.Name)
					}
				}
			})
		}
	}
	t.Run("375-article-keyboard", func(t *testing.T) {
		ctx := tab(t, e, 375, true)
		do(t, ctx, chromedp.Navigate(e.baseURL+"/articles/rest-api"))
		const box = `document.querySelector('.table-scroll')`
		if !eval[bool](t, ctx, `(b => !!b && b.scrollWidth > b.clientWidth)(`+box+`)`) {
			t.Fatal("the article's table does not scroll at 375 px; this test no longer tests anything")
		}
		eval[bool](t, ctx, box+`.focus() || true`)
		do(t, ctx, chromedp.KeyEvent(kb.ArrowRight), chromedp.KeyEvent(kb.ArrowRight))
		waitFor(t, ctx, box+`.scrollLeft > 0`)
	})
}

// TestFilterWithJavaScript: ticking criteria updates the table in place and the address
// bar; back restores the previous view.
func TestFilterWithJavaScript(t *testing.T) {
	e := setup(t)
	ctx := tab(t, e, 1280, true)
	do(t, ctx, chromedp.Navigate(e.baseURL+"/compare"))
	eval[bool](t, ctx, "window.__samePage = true")

	do(t, ctx, chromedp.Click(chromedp.CSS(`input[name=c][value=security]`)))
	waitFor(t, ctx, `location.search === "?c=security"`)
	waitFor(t, ctx, `document.querySelectorAll('#results table.comparison tbody tr:not(.group-row)').length === 1`)
	do(t, ctx, chromedp.Click(chromedp.CSS(`input[name=c][value=auth]`)))
	waitFor(t, ctx, `location.search === "?c=security&c=auth"`)
	waitFor(t, ctx, `!!document.querySelector('#results a[href="/criteria/auth"]')`)
	if !eval[bool](t, ctx, "window.__samePage === true") {
		t.Fatal("the page reloaded; the table should update in place")
	}
	if status := eval[string](t, ctx, "document.getElementById('live-status').textContent"); !strings.Contains(status, "Showing 2 of") {
		t.Errorf("live status = %q", status)
	}

	back(t, ctx)
	waitFor(t, ctx, `location.search === "?c=security"`)
	waitFor(t, ctx, `!document.querySelector('#results a[href="/criteria/auth"]')`)
	if eval[bool](t, ctx, `document.querySelector('input[name=c][value=auth]').checked`) {
		t.Error("back left the auth box ticked")
	}

	// Select none shows everything again.
	do(t, ctx, chromedp.Click(chromedp.CSS(`[data-check=none]`)))
	waitFor(t, ctx, `location.search === ""`)
	waitFor(t, ctx, `document.querySelectorAll('#results table.comparison tbody tr:not(.group-row)').length > 20`)
}

// TestFilterWithoutJavaScript: the same flow through a plain GET form.
func TestFilterWithoutJavaScript(t *testing.T) {
	e := setup(t)
	ctx := tab(t, e, 375, false)
	do(t, ctx, chromedp.Navigate(e.baseURL+"/"))
	do(t, ctx,
		chromedp.Click(chromedp.CSS(`input[name=c][value=security]`)),
		chromedp.Click(chromedp.CSS(`input[name=c][value=data-orm]`)),
		chromedp.Click(chromedp.CSS(`form.filter button[type=submit]`)),
	)
	waitFor(t, ctx, `location.pathname === "/compare"`)
	if got := location(t, ctx); got != "/compare?c=security&c=data-orm" {
		t.Fatalf("URL = %s", got)
	}
	waitFor(t, ctx, `document.readyState === "complete"`)
	if n := eval[int](t, ctx, `document.querySelectorAll('table.comparison tbody tr:not(.group-row)').length`); n != 2 {
		t.Errorf("%d rows, want 2", n)
	}
	do(t, ctx, chromedp.NavigateBack())
	waitFor(t, ctx, `location.pathname === "/"`)
}

// TestPriorities: weighting a criterion re-ranks the subjects, with the URL as the state.
func TestPriorities(t *testing.T) {
	e := setup(t)
	for _, js := range []bool{true, false} {
		t.Run(fmt.Sprintf("js-%v", js), func(t *testing.T) {
			ctx := tab(t, e, 375, js)
			do(t, ctx, chromedp.Navigate(e.baseURL+"/decide"))
			before := eval[string](t, ctx, "document.querySelector('.verdict-summary').textContent")
			do(t, ctx, chromedp.SetValue(chromedp.ID("w-security"), "security:0"))
			if js {
				eval[bool](t, ctx, `document.getElementById('w-security').dispatchEvent(new Event('change', {bubbles: true}))`)
			} else {
				do(t, ctx, chromedp.Click(chromedp.CSS(`form.weights button[type=submit]`)))
			}
			waitFor(t, ctx, `location.search.includes("w=security%3A0")`)
			waitFor(t, ctx, `document.readyState === "complete" && !!document.querySelector('.verdict-summary')`)
			after := eval[string](t, ctx, "document.querySelector('.verdict-summary').textContent")
			if after == before {
				t.Errorf("ranking did not change: %q", after)
			}
			if !eval[bool](t, ctx, `document.body.textContent.includes("Not counted (weight 0)")`) {
				t.Error("the ignored criterion is not listed")
			}
			if js {
				back(t, ctx) // a same-page history entry: no load event
			} else {
				do(t, ctx, chromedp.NavigateBack())
			}
			waitFor(t, ctx, `location.search === ""`)
			waitFor(t, ctx, `document.getElementById('w-security').value === "security:1"`)
		})
	}
}

// TestSearchFromHeader types into the header box on another page and lands on results.
func TestSearchFromHeader(t *testing.T) {
	e := setup(t)
	for _, js := range []bool{true, false} {
		t.Run(fmt.Sprintf("js-%v", js), func(t *testing.T) {
			ctx := tab(t, e, 375, js)
			do(t, ctx,
				chromedp.Navigate(e.baseURL+"/criteria/security"),
				chromedp.SendKeys(chromedp.ID("site-search"), "channels\r"),
			)
			waitFor(t, ctx, `location.pathname === "/search"`)
			waitFor(t, ctx, `document.readyState === "complete"`)
			if got := location(t, ctx); got != "/search?q=channels" {
				t.Errorf("URL = %s", got)
			}
			if n := eval[int](t, ctx, `document.querySelectorAll('.search-results mark').length`); n == 0 {
				t.Error("no highlighted matches")
			}
		})
	}
}

// TestThemeToggle: the toggle switches to dark and the choice survives a reload.
func TestThemeToggle(t *testing.T) {
	e := setup(t)
	ctx := tab(t, e, 1280, true)
	do(t, ctx, colorScheme("light"), chromedp.Navigate(e.baseURL+"/"))
	light := eval[string](t, ctx, "getComputedStyle(document.body).backgroundColor")
	do(t, ctx, chromedp.Click(chromedp.CSS(`[data-theme-toggle]`)))
	dark := eval[string](t, ctx, "getComputedStyle(document.body).backgroundColor")
	if dark == light {
		t.Fatalf("background stayed %s after choosing dark", dark)
	}
	do(t, ctx, chromedp.Reload())
	waitFor(t, ctx, `document.readyState === "complete"`)
	if got := eval[string](t, ctx, "document.documentElement.dataset.theme"); got != "dark" {
		t.Errorf("theme after reload = %q, want dark", got)
	}
	if got := eval[string](t, ctx, "document.querySelector('[data-theme-toggle]').getAttribute('aria-pressed')"); got != "true" {
		t.Errorf("aria-pressed = %q", got)
	}
	eval[bool](t, ctx, "localStorage.removeItem('versus-theme') || true")
}

// headerLayout is where the header and the top of the page are, for comparing layouts.
const headerLayout = `['.site-header', '.brand', 'nav', '.site-search', 'h1'].map(sel => {
	const r = document.querySelector(sel).getBoundingClientRect();
	return sel + ' ' + [r.x, r.y, r.width, r.height].map(Math.round).join(',');
}).join('; ')`

// TestThemeToggleKeepsItsPlace: the theme toggle is hidden until site.js shows it, after
// the first paint. Its place is kept from the start, so when it appears nothing in the
// header moves (no layout shift), at desktop, tablet and phone widths.
func TestThemeToggleKeepsItsPlace(t *testing.T) {
	e := setup(t)
	const toggle = `document.querySelector('[data-theme-toggle]')`
	for _, width := range []int64{1280, 1024, 375} {
		t.Run(fmt.Sprint(width), func(t *testing.T) {
			// Before: the page as first painted, with theme.js run and site.js not yet.
			before := tab(t, e, width, true)
			do(t, before, chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
				if _, err := cdp.Call(ctx, tg, network.Enable, network.EnableParams{}); err != nil {
					return err
				}
				_, err := cdp.Call(ctx, tg, network.SetBlockedURLs, network.SetBlockedURLsParams{
					URLPatterns: []*network.BlockPattern{{URLPattern: "*://*:*/static/js/site.*", Block: true}},
				})
				return err
			}), chromedp.Navigate(e.baseURL+"/"))
			if !eval[bool](t, before, toggle+".hidden") {
				t.Fatal("the toggle is shown although site.js was blocked")
			}
			// After: site.js has shown the toggle.
			after := tab(t, e, width, true)
			do(t, after, chromedp.Navigate(e.baseURL+"/"))
			waitFor(t, after, "!"+toggle+".hidden")
			if b, a := eval[string](t, before, headerLayout), eval[string](t, after, headerLayout); b != a {
				t.Errorf("the header moved when the toggle appeared:\nbefore %s\nafter  %s", b, a)
			}
		})
	}
}

// TestKeyboardAndPrint: the first Tab reaches a visible skip link; printing hides the
// chrome and keeps the comparison.
func TestKeyboardAndPrint(t *testing.T) {
	e := setup(t)
	ctx := tab(t, e, 1280, true)
	do(t, ctx, chromedp.Navigate(e.baseURL+"/"), chromedp.KeyEvent("\t"))
	if got := eval[string](t, ctx, "document.activeElement.className"); got != "skip-link" {
		t.Fatalf("first Tab focuses %q, want the skip link", got)
	}
	if top := eval[float64](t, ctx, "document.activeElement.getBoundingClientRect().top"); top < 0 {
		t.Error("the focused skip link is off screen")
	}
	if outline := eval[string](t, ctx, "getComputedStyle(document.activeElement).outlineStyle"); outline == "none" {
		t.Error("focus has no visible outline")
	}
	do(t, ctx, mediaType("print"))
	if got := eval[string](t, ctx, "getComputedStyle(document.querySelector('form.filter')).display"); got != "none" {
		t.Errorf("print: filter form display = %q", got)
	}
	if got := eval[string](t, ctx, "getComputedStyle(document.querySelector('table.comparison')).display"); got == "none" {
		t.Error("print: the comparison table is hidden")
	}
}

type violation struct {
	ID     string   `json:"id"`
	Impact string   `json:"impact"`
	Help   string   `json:"help"`
	Nodes  []string `json:"nodes"`
}

// TestAccessibility runs axe-core on every page type at 1280 and 375 px, in light and dark
// mode: a phone's layout has its own scrolling regions and its own contrast.
func TestAccessibility(t *testing.T) {
	e := setup(t)
	axe, err := os.ReadFile(axePath)
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("axe-core is missing (run npm ci): %v", err)
		}
		t.Skipf("accessibility checks skipped: %v (run npm ci)", err)
	}
	check := func(t *testing.T, width int64, scheme, path string) {
		ctx := tab(t, e, width, true)
		do(t, ctx, colorScheme(scheme), chromedp.Navigate(e.baseURL+path))
		eval[bool](t, ctx, string(axe)+";true")
		found, err := chromedp.Run(ctx, chromedp.Evaluate[[]violation](`axe.run(document, {resultTypes: ['violations']}).then(r =>
			r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map(n => n.target.join(' '))})))`,
			chromedp.EvalAwaitPromise))
		if err != nil {
			t.Fatal(err)
		}
		for _, v := range found {
			t.Errorf("%s (%s): %s at %s", v.ID, v.Impact, v.Help, strings.Join(v.Nodes[:min(3, len(v.Nodes))], "; "))
		}
	}
	// One page of every kind, at both widths, in both colour schemes.
	for _, width := range []int64{1280, 375} {
		for _, scheme := range []string{"light", "dark"} {
			for _, p := range e.pages {
				t.Run(fmt.Sprintf("%d-%s-%s", width, scheme, p.Kind), func(t *testing.T) { check(t, width, scheme, p.Path) })
			}
		}
	}
	// Every page on a phone, where content (a wide table, a long line of code) is most
	// likely to need scrolling.
	for _, path := range e.paths {
		t.Run("375-light"+path, func(t *testing.T) { check(t, 375, "light", path) })
	}
}

// TestDevModeReloadsTheTab: in dev mode an open page reloads itself when the site changes,
// and shows the content problems in a banner.
func TestDevModeReloadsTheTab(t *testing.T) {
	e := setup(t)
	srv, err := server.Open(content.FS(), static.FS(), catalog.Options{}, server.Options{Dev: true})
	if err != nil {
		t.Fatal(err)
	}
	cat := srv.Catalog()
	ts := httptest.NewServer(srv)
	defer ts.Close()
	// The page's event stream never ends by itself, and the tab opens a new one whenever
	// one is cut: end them the way shutdown does, for good, before Close waits for them.
	defer srv.EndStreams()

	ctx := tab(t, e, 1280, true)
	do(t, ctx, chromedp.Navigate(ts.URL+"/criteria/security"))
	waitFor(t, ctx, `document.readyState === "complete"`)
	eval[bool](t, ctx, "window.__beforeReload = true")
	time.Sleep(300 * time.Millisecond) // let the event stream connect

	problem := "criteria/security.yaml:12:13: rating 9 is out of range; use 1 to 5"
	if err := srv.Update(server.Update{Problems: []string{problem}}); err != nil {
		t.Fatal(err)
	}
	waitFor(t, ctx, `window.__beforeReload === undefined && !!document.querySelector('.dev-banner')`)
	if banner := eval[string](t, ctx, "document.querySelector('.dev-banner').textContent"); !strings.Contains(banner, problem) {
		t.Errorf("banner = %q", banner)
	}
	if err := srv.Update(server.Update{Catalog: cat}); err != nil {
		t.Fatal(err)
	}
	waitFor(t, ctx, `document.readyState === "complete" && !document.querySelector('.dev-banner')`)
}
