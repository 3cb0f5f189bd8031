package e2e

import (
	"encoding/json"
	"net"
	"net/http"
	"os"
	"os/exec"
	"strings"
	"testing"

	"github.com/versus-web/versus/content"
	"github.com/versus-web/versus/internal/catalog"
	"github.com/versus-web/versus/internal/server"
	"github.com/versus-web/versus/static"
)

// unfurled is what open-graph-scraper reports about a page.
type unfurled struct {
	OgTitle       string `json:"ogTitle"`
	OgDescription string `json:"ogDescription"`
	OgURL         string `json:"ogUrl"`
	OgSiteName    string `json:"ogSiteName"`
	TwitterCard   string `json:"twitterCard"`
	OgImage       []struct {
		URL    string `json:"url"`
		Width  any    `json:"width"`
		Height any    `json:"height"`
		Type   string `json:"type"`
		Alt    string `json:"alt"`
	} `json:"ogImage"`
}

// TestSharedLinkUnfurls reads a criterion page with a real link unfurler, as a chat app
// would when the link is pasted: its own title, the result, and its own picture, which
// the unfurler can fetch.
func TestSharedLinkUnfurls(t *testing.T) {
	node, err := exec.LookPath("node")
	if err == nil {
		_, err = os.Stat("../../node_modules/open-graph-scraper/package.json")
	}
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("the unfurl test must run in CI: %v", err)
		}
		t.Skipf("node or open-graph-scraper missing (run npm ci): %v", err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	base := "http://" + ln.Addr().String()
	srv, err := server.Open(content.FS(), static.FS(), catalog.Options{}, server.Options{BaseURL: base})
	if err != nil {
		t.Fatal(err)
	}
	hs := &http.Server{Handler: srv}
	go hs.Serve(ln)
	defer hs.Close()

	out, err := exec.Command(node, "../../scripts/unfurl.mjs", base+"/criteria/security").Output()
	if err != nil {
		t.Fatalf("unfurl: %v\n%s", err, out)
	}
	var got unfurled
	if err := json.Unmarshal(out, &got); err != nil {
		t.Fatalf("%v: %s", err, out)
	}
	if got.OgTitle != "Security out of the box · Node.js vs Django" || got.OgURL != base+"/criteria/security" ||
		got.OgSiteName != "Versus" || got.TwitterCard != "summary_large_image" {
		t.Errorf("unfurled as %+v", got)
	}
	if !strings.HasPrefix(got.OgDescription, "Django 5/5, Node.js 3/5. Django: ") {
		t.Errorf("description %q does not say the result", got.OgDescription)
	}
	if len(got.OgImage) != 1 || !strings.HasPrefix(got.OgImage[0].URL, base+"/preview/criteria/security.") || got.OgImage[0].Alt == "" {
		t.Fatalf("image %+v", got.OgImage)
	}
	resp, err := http.Get(got.OgImage[0].URL)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK || resp.Header.Get("Content-Type") != "image/png" {
		t.Errorf("the image answers %d %q", resp.StatusCode, resp.Header.Get("Content-Type"))
	}
}
