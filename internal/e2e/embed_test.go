package e2e

import (
	"context"
	"fmt"
	"html"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
)

// frameText evaluates expr in a frame of the tab: an isolated world of the frame's
// document, so it reads what the frame shows even when the frame is of another origin.
func frameText(ctx context.Context, frame cdp.FrameID, expr string) (string, error) {
	return chromedp.Run(ctx, func(ctx context.Context, tg *chromedp.Target) (string, error) {
		world, err := cdp.Call(ctx, tg, page.CreateIsolatedWorld, page.CreateIsolatedWorldParams{FrameID: frame, WorldName: "versus-test"})
		if err != nil {
			return "", err
		}
		res, err := cdp.Call(ctx, tg, runtime.Evaluate, runtime.EvaluateParams{Expression: expr, ContextID: world.ExecutionContextID, ReturnByValue: new(true)})
		if err != nil {
			return "", err
		}
		if res.ExceptionDetails != nil {
			return "", fmt.Errorf("%s: %s", expr, res.ExceptionDetails.Text)
		}
		var s string
		if len(res.Result.Value) > 0 {
			s = strings.Trim(string(res.Result.Value), `"`)
		}
		return s, nil
	})
}

// childFrames lists the frames of the tab's page by the id of their iframe element.
func childFrames(t *testing.T, ctx context.Context) map[string]*cdp.Frame {
	t.Helper()
	tree, err := chromedp.Run(ctx, func(ctx context.Context, tg *chromedp.Target) (page.GetFrameTreeResult, error) {
		return cdp.Call(ctx, tg, page.GetFrameTree, cdp.Empty{})
	})
	if err != nil {
		t.Fatal(err)
	}
	frames := map[string]*cdp.Frame{}
	for _, child := range tree.FrameTree.ChildFrames {
		frames[child.Frame.Name] = child.Frame
	}
	return frames
}

// TestEmbedInAnotherSite frames an embed and a criterion page from a page of another
// origin. The embed loads and shows the criterion; the criterion page refuses to be
// framed, so its frame shows none of it.
func TestEmbedInAnotherSite(t *testing.T) {
	e := setup(t)
	const title = "Security out of the box"
	host := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprintf(w, `<!DOCTYPE html><html lang="en"><title>Another site</title><h1>Another site</h1>
<iframe name="embed" src="%s" title="Embed" width="600" height="420"></iframe>
<iframe name="page" src="%s" title="Page" width="600" height="420"></iframe>`,
			html.EscapeString(e.baseURL+"/embed/criteria/security"), html.EscapeString(e.baseURL+"/criteria/security"))
	}))
	defer host.Close()
	if strings.EqualFold(host.URL, e.baseURL) {
		t.Fatal("the host page must be of another origin")
	}

	ctx := tab(t, e, 1280, true)
	do(t, ctx, chromedp.Navigate(host.URL))
	frames := childFrames(t, ctx)
	embed, framed := frames["embed"], frames["page"]
	if embed == nil || framed == nil {
		t.Fatalf("frames: %v", frames)
	}

	if embed.URL != e.baseURL+"/embed/criteria/security" {
		t.Errorf("embed frame URL = %q (unreachable %q)", embed.URL, embed.UnreachableURL)
	}
	var got string
	deadline := time.Now().Add(10 * time.Second)
	for {
		var err error
		got, err = frameText(ctx, embed.ID, `document.readyState === "complete" ? document.querySelector("h1")?.textContent + " | " + document.querySelectorAll(".ratings li").length + " ratings | " + getComputedStyle(document.querySelector(".ratings li")).borderTopStyle : ""`)
		if err == nil && got != "" || time.Now().After(deadline) {
			if err != nil {
				t.Fatal(err)
			}
			break
		}
		time.Sleep(100 * time.Millisecond)
	}
	if want := title + " | 2 ratings | solid"; got != want {
		t.Errorf("the embed shows %q, want %q (title, ratings, its stylesheet applied)", got, want)
	}

	// Chromium shows an error page in place of a page that refuses to be framed.
	if framed.URL == e.baseURL+"/criteria/security" {
		t.Errorf("the criterion page loaded inside another site's frame")
	}
	if text, err := frameText(ctx, framed.ID, "document.body ? document.body.textContent : ''"); err == nil && strings.Contains(text, title) {
		t.Errorf("the criterion page's frame shows the criterion: %.80q", text)
	}
}

// TestEmbedCodeCopies: the criterion page offers the iframe to paste. The test server has
// no base URL, so site.js gives the snippet the page's origin; Copy copies it.
func TestEmbedCodeCopies(t *testing.T) {
	e := setup(t)
	ctx := tab(t, e, 375, true)
	do(t, ctx, allowClipboard(e.baseURL), chromedp.Navigate(e.baseURL+"/criteria/security"))
	do(t, ctx, chromedp.Click(chromedp.CSS(`#embed summary`)))
	const field = `document.getElementById('embed-code-field')`
	want := `<iframe src="` + e.baseURL + `/embed/criteria/security" title="Security out of the box: Node.js vs Django on Versus"`
	if got := eval[string](t, ctx, field+".value"); !strings.HasPrefix(got, want) {
		t.Errorf("embed code = %q, want it to start %q", got, want)
	}
	do(t, ctx, chromedp.Click(chromedp.CSS(`[data-copy="embed-code-field"]`)))
	waitFor(t, ctx, `document.querySelector('#embed [role=status]').textContent === "Copied"`)
	copied, err := chromedp.Run(ctx, chromedp.Evaluate[string]("navigator.clipboard.readText()", chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatal(err)
	}
	if got := eval[string](t, ctx, field+".value"); copied != got {
		t.Errorf("clipboard = %q, want the embed code %q", copied, got)
	}
	if over := eval[int](t, ctx, "document.documentElement.scrollWidth - document.documentElement.clientWidth"); over > 0 {
		t.Errorf("with the embed code open, the page scrolls sideways by %d px", over)
	}
	eval[bool](t, ctx, `document.getElementById('embed').scrollIntoView(), true`)
	png, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(artifactDir, "criterion-embed-code-375.png"), png, 0o644); err != nil {
		t.Fatal(err)
	}
}
