package export

import (
	"bufio"
	"bytes"
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/versus-web/versus/internal/catalog"
	"github.com/versus-web/versus/internal/fixture"
	"github.com/versus-web/versus/internal/paths"
	"github.com/versus-web/versus/internal/server"
	"github.com/versus-web/versus/static"
)

var opts = server.Options{BaseURL: "https://versus.example.com"}

// exported is one response an export wrote: its URL path and its file.
type exported struct {
	file  server.StaticFile
	name  string
	query bool
}

// exportSample exports the sample content into a new folder and lists what it wrote.
func exportSample(t *testing.T) (string, *server.Server, []exported) {
	t.Helper()
	srv, err := server.Open(fixture.Sample(), static.FS(), catalog.Options{}, opts)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	sum, err := Write(dir, srv.Static())
	if err != nil {
		t.Fatal(err)
	}
	var out []exported
	for f, err := range srv.Static() { // made already: lists the same responses
		if err != nil {
			t.Fatal(err)
		}
		name, err := FileName(f)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, exported{file: f, name: name, query: f.Query})
	}
	if sum.Responses != len(out) || sum.Files < 2*len(out) {
		t.Fatalf("summary %+v for %d responses", sum, len(out))
	}
	return dir, srv, out
}

// optimizedServer serves the sample as versus serve does: every page asked for once
// (lazy ones made at the fast level), then recompressed by the background pass.
func optimizedServer(t *testing.T, files []exported) *httptest.Server {
	t.Helper()
	logs := &lines{}
	o := opts
	o.Logger = slog.New(slog.NewTextHandler(logs, nil))
	srv, err := server.Open(fixture.Sample(), static.FS(), catalog.Options{}, o)
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv)
	t.Cleanup(ts.Close)
	for _, f := range files {
		if f.file.Path != "" {
			fetch(t, ts.URL+f.file.Path, "br")
		}
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { srv.OptimizeInBackground(ctx, time.Hour); close(done) }()
	t.Cleanup(func() { cancel(); <-done })
	for deadline := time.Now().Add(time.Minute); !logs.contains("compressed at the best level"); {
		if time.Now().After(deadline) {
			t.Fatal("the server never logged its best-level pass")
		}
		time.Sleep(20 * time.Millisecond)
	}
	return ts
}

// lines is a log sink a test can search.
type lines struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (l *lines) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.buf.Write(p)
}

func (l *lines) contains(s string) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	return strings.Contains(l.buf.String(), s)
}

var client = &http.Client{Transport: &http.Transport{DisableCompression: true}}

// fetch GETs url with an Accept-Encoding and returns the response, its body read.
func fetch(t *testing.T, url, encoding string) (*http.Response, []byte) {
	t.Helper()
	req, _ := http.NewRequest(http.MethodGet, url, nil)
	req.Header.Set("Accept-Encoding", encoding)
	res, err := client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	body, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	return res, body
}

// TestExportIsWhatTheServerSends: every exported file, and its .gz and .br, is byte for
// byte what an optimized server sends for its path with that Accept-Encoding, with the
// same Content-Type; a query view's too, as the server's cache of views keeps it.
func TestExportIsWhatTheServerSends(t *testing.T) {
	dir, _, files := exportSample(t)
	ts := optimizedServer(t, files)
	for _, f := range files {
		url := ts.URL + f.file.Path
		wantStatus := http.StatusOK
		if f.file.Status == http.StatusNotFound {
			url, wantStatus = ts.URL+"/no-such-page", http.StatusNotFound
		}
		identity := read(t, dir, f.name)
		_, compressed := os.Stat(filepath.Join(dir, f.name+".gz"))
		for _, enc := range []string{"br", "gzip", "identity"} {
			res, body := fetch(t, url, enc)
			if res.StatusCode != wantStatus {
				t.Errorf("%s (%s): status %d, want %d", url, enc, res.StatusCode, wantStatus)
				continue
			}
			if got, want := res.Header.Get("Content-Type"), f.file.Header.Get("Content-Type"); got != want {
				t.Errorf("%s: Content-Type %q, the export says %q", f.file.Path, got, want)
			}
			want, gotEnc := identity, res.Header.Get("Content-Encoding")
			switch {
			case compressed == nil && enc == "br":
				want = read(t, dir, f.name+".br")
			case compressed == nil && enc == "gzip":
				want = read(t, dir, f.name+".gz")
			}
			if !bytes.Equal(body, want) {
				t.Errorf("%s with Accept-Encoding %s (Content-Encoding %q): the server sent %d bytes, the export has %d that differ",
					f.file.Path, enc, gotEnc, len(body), len(want))
			}
		}
	}
}

// TestHeadersFileIsWhatTheServerSends: every header _headers gives a path is one the
// server sends for it, with the same value.
func TestHeadersFileIsWhatTheServerSends(t *testing.T) {
	dir, _, files := exportSample(t)
	ts := optimizedServer(t, files)
	rules := readHeaders(t, filepath.Join(dir, Headers))
	if len(rules) < len(files)-5 {
		t.Fatalf("_headers has %d rules for %d files", len(rules), len(files))
	}
	for path, header := range rules {
		url := ts.URL + path
		if path == "/404.html" {
			url = ts.URL + "/no-such-page"
		}
		res, _ := fetch(t, url, "gzip")
		for k, v := range header {
			if got := res.Header.Get(k); got != v {
				t.Errorf("%s: %s: the server sends %q, _headers says %q", path, k, got, v)
			}
		}
		for _, k := range []string{"Content-Type", "Cache-Control", "Content-Security-Policy", "Access-Control-Allow-Origin"} {
			if res.Header.Get(k) != "" && header[k] == "" {
				t.Errorf("%s: _headers has no %s; the server sends %q", path, k, res.Header.Get(k))
			}
		}
	}
}

// readHeaders parses a _headers file: path → header → value.
func readHeaders(t *testing.T, name string) map[string]map[string]string {
	f, err := os.Open(name)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rules := map[string]map[string]string{}
	var path string
	for s := bufio.NewScanner(f); s.Scan(); {
		line := s.Text()
		switch {
		case line == "" || strings.HasPrefix(line, "#"):
		case strings.HasPrefix(line, "/"):
			path = line
			rules[path] = map[string]string{}
		default:
			k, v, ok := strings.Cut(strings.TrimSpace(line), ": ")
			if !ok || path == "" {
				t.Fatalf("_headers: bad line %q", line)
			}
			rules[path][k] = v
		}
	}
	return rules
}

// TestEveryPageIsExported: every HTML page the server has and every example of a kind
// without a query has a file, and every link and source in the exported pages finds
// one the way deploy/nginx-export.conf looks for it.
func TestEveryPageIsExported(t *testing.T) {
	dir, srv, files := exportSample(t)
	want := srv.HTMLPaths()
	for _, e := range server.Examples(srv.Catalog()) {
		if e.Status == http.StatusOK && !strings.Contains(e.Path, "?") {
			want = append(want, e.Path)
		}
	}
	for _, p := range want {
		if resolve(dir, p) == "" {
			t.Errorf("%s is not exported", p)
		}
	}
	link := regexp.MustCompile(`(?:href|src)="(/[^"#]*)`)
	for _, f := range files {
		if !strings.HasSuffix(f.name, ".html") {
			continue
		}
		for _, m := range link.FindAllStringSubmatch(string(read(t, dir, f.name)), -1) {
			if resolve(dir, strings.ReplaceAll(m[1], "&amp;", "&")) == "" {
				t.Errorf("%s links to %s, which the export does not have", f.file.Path, m[1])
			}
		}
	}
	if resolve(dir, paths.CompareGroup(srv.Catalog().Groups[0].ID)) == resolve(dir, paths.Compare) {
		t.Error("a group's view is the page without a query")
	}
}

// resolve finds the file nginx serves for a URL (deploy/nginx-export.conf): a group view
// of /compare by its file, any other query by the page without it, then
// try_files $uri $uri.html $uri.json. Empty when there is none.
func resolve(dir, url string) string {
	p, query, _ := strings.Cut(url, "?")
	candidates := []string{p, p + ".html", p + ".json"}
	if p == "/" {
		candidates = []string{"/index.html"}
	}
	if m := regexp.MustCompile(`^g=([a-z0-9-]+)$`).FindStringSubmatch(query); p == paths.Compare && m != nil {
		candidates = append([]string{"/compare/g/" + m[1] + ".html"}, candidates...)
	}
	for _, c := range candidates {
		if info, err := os.Stat(filepath.Join(dir, filepath.FromSlash(c))); err == nil && info.Mode().IsRegular() {
			return c
		}
	}
	return ""
}

// TestExportAgain: a second export into the folder replaces the first and leaves other
// files alone; a folder with other files in it and no export is refused.
func TestExportAgain(t *testing.T) {
	srv, err := server.Open(fixture.Sample(), static.FS(), catalog.Options{}, opts)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	if _, err := Write(dir, srv.Static()); err != nil {
		t.Fatal(err)
	}
	mine := filepath.Join(dir, "criteria", "notes.txt")
	if err := os.WriteFile(mine, []byte("mine"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := Write(dir, srv.Static()); err != nil {
		t.Fatalf("a second export: %v", err)
	}
	if _, err := os.Stat(mine); err != nil {
		t.Errorf("a second export removed a file it did not write: %v", err)
	}

	other := t.TempDir()
	if err := os.WriteFile(filepath.Join(other, "index.html"), []byte("someone's site"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err = Write(other, srv.Static())
	if err == nil || !strings.Contains(err.Error(), "not a previous export") {
		t.Errorf("export into a folder with someone else's files: %v", err)
	}
	if b, _ := os.ReadFile(filepath.Join(other, "index.html")); string(b) != "someone's site" {
		t.Error("the refused export changed the folder")
	}
}

func read(t *testing.T, dir, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(name)))
	if err != nil {
		t.Fatal(err)
	}
	return b
}
