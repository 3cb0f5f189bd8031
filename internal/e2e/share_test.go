package e2e

import (
	"context"
	"testing"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// allowClipboard lets the page at origin read and write the clipboard without asking,
// and lets it think it has focus, which the Clipboard API requires and a background tab
// lacks.
func allowClipboard(origin string) chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		for _, name := range []string{"clipboard-read", "clipboard-write"} {
			if _, err := chromedp.CallBrowser(ctx, browser.SetPermission, browser.SetPermissionParams{
				Permission: &browser.PermissionDescriptor{Name: name},
				Setting:    browser.PermissionSettingGranted,
				Origin:     origin,
			}); err != nil {
				return err
			}
		}
		_, err := cdp.Call(ctx, tg, emulation.SetFocusEmulationEnabled, emulation.SetFocusEmulationEnabledParams{Enabled: true})
		return err
	})
}

// TestShareCopiesTheLink: on a criterion page, a subject's Share button copies the link
// to its column where the browser has no Web Share API (headless Chromium on Linux has
// none; if it ever does, the test removes it), says so, and stops saying so after a few
// seconds. Where the API exists, the page's Share button hands it the page's link.
func TestShareCopiesTheLink(t *testing.T) {
	e := setup(t)
	ctx := tab(t, e, 1280, true)
	do(t, ctx, allowClipboard(e.baseURL), chromedp.Navigate(e.baseURL+"/criteria/security"))
	if eval[bool](t, ctx, "'share' in navigator") {
		t.Log("this Chromium has navigator.share; removed for the copy test")
		eval[bool](t, ctx, "delete Navigator.prototype.share, delete navigator.share, true")
	}
	const button = `document.querySelector('[data-share="nodejs"]')`
	waitFor(t, ctx, "!"+button+".hidden")
	if !eval[bool](t, ctx, button+".checkVisibility({visibilityProperty: true})") {
		t.Fatal("the Share button is not visible with JavaScript on")
	}
	const status = button + `.parentNode.querySelector('[role=status]')`
	do(t, ctx, chromedp.Click(chromedp.CSS(`[data-share="nodejs"]`)))
	waitFor(t, ctx, status+`.textContent === "Link copied"`)
	if !eval[bool](t, ctx, status+".checkVisibility({visibilityProperty: true})") {
		t.Error("the confirmation is not visible")
	}
	copied, err := chromedp.Run(ctx, chromedp.Evaluate[string]("navigator.clipboard.readText()", chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatal(err)
	}
	if want := e.baseURL + "/criteria/security#nodejs"; copied != want {
		t.Errorf("clipboard = %q, want %q", copied, want)
	}
	waitFor(t, ctx, status+`.textContent === ""`) // the confirmation goes after a few seconds

	// With the Web Share API, the page's own Share button shares the page.
	eval[bool](t, ctx, `navigator.share = data => (window.__shared = data, Promise.resolve()), true`)
	do(t, ctx, chromedp.Click(chromedp.CSS(`h1 + .share [data-share]`)))
	waitFor(t, ctx, "!!window.__shared")
	if got := eval[string](t, ctx, "window.__shared.url"); got != e.baseURL+"/criteria/security" {
		t.Errorf("shared URL = %q", got)
	}
	if got := eval[string](t, ctx, "window.__shared.title"); got != "Security out of the box" {
		t.Errorf("shared title = %q", got)
	}
}

// TestPermalinksWithoutJavaScript: with JavaScript off the Share buttons stay hidden, and
// the permalinks beside the headings are visible and work: a subject's column on a
// criterion page, and a heading written in Markdown in an article.
func TestPermalinksWithoutJavaScript(t *testing.T) {
	e := setup(t)
	ctx := tab(t, e, 375, false)
	for _, tt := range []struct{ path, link string }{
		{"/criteria/security", `.permalink[href="#django"]`},
		{"/articles/rest-api", `.prose .permalink`},
	} {
		do(t, ctx, chromedp.Navigate(e.baseURL+tt.path))
		if n := eval[int](t, ctx, `[...document.querySelectorAll('[data-share], [data-copy]')].filter(b => b.checkVisibility({visibilityProperty: true})).length`); n > 0 {
			t.Errorf("%s: %d Share or Copy buttons visible without JavaScript", tt.path, n)
		}
		sel := "document.querySelector('" + tt.link + "')"
		if !eval[bool](t, ctx, "(a => !!a && a.checkVisibility({visibilityProperty: true}) && a.getBoundingClientRect().width >= 16)("+sel+")") {
			t.Errorf("%s: %s is missing or not visible", tt.path, tt.link)
			continue
		}
		href := eval[string](t, ctx, sel+".getAttribute('href')")
		do(t, ctx, chromedp.Click(chromedp.CSS(tt.link)))
		waitFor(t, ctx, "location.hash === "+jsString(href))
		if !eval[bool](t, ctx, "!!document.getElementById("+jsString(href[1:])+")") {
			t.Errorf("%s: %s goes to %s, which is not on the page", tt.path, tt.link, href)
		}
	}
}

// TestPermalinksByKeyboard: Tab reaches a permalink, which shows that it has focus.
func TestPermalinksByKeyboard(t *testing.T) {
	e := setup(t)
	ctx := tab(t, e, 1280, true)
	do(t, ctx, chromedp.Navigate(e.baseURL+"/criteria/security"))
	for range 80 {
		do(t, ctx, chromedp.KeyEvent(kb.Tab))
		if eval[bool](t, ctx, `document.activeElement.matches('.permalink[href="#nodejs"]')`) {
			if outline := eval[string](t, ctx, "getComputedStyle(document.activeElement).outlineStyle"); outline == "none" {
				t.Error("the focused permalink has no visible outline")
			}
			return
		}
	}
	t.Fatalf("80 presses of Tab never reached the Node.js column's permalink; focus is on %s",
		eval[string](t, ctx, "document.activeElement.outerHTML.slice(0, 120)"))
}

// jsString quotes s as a JavaScript string literal.
func jsString(s string) string {
	b := []byte{'"'}
	for _, r := range s {
		switch r {
		case '"', '\\':
			b = append(b, '\\', byte(r))
		default:
			b = append(b, string(r)...)
		}
	}
	return string(append(b, '"'))
}
