package assets

import (
	"net/http"
	"net/http/httptest"
	"regexp"
	"testing"
	"testing/fstest"
)

func TestAssetsServeHashedNames(t *testing.T) {
	a, err := New(fstest.MapFS{
		"css/site.css": {Data: []byte("body { color: black }")},
		"img/logo.svg": {Data: []byte("<svg></svg>")},
		"embed.go":     {Data: []byte("package static")},
	}, map[string][]byte{"css/code.css": []byte(".chroma{}")})
	if err != nil {
		t.Fatal(err)
	}
	url, err := a.URL("css/site.css")
	if err != nil {
		t.Fatal(err)
	}
	if !regexp.MustCompile(`^/static/css/site\.[0-9a-f]{10}\.css$`).MatchString(url) {
		t.Fatalf("URL = %q", url)
	}
	if _, err := a.URL("embed.go"); err == nil {
		t.Error("Go source is served as an asset")
	}
	if _, err := a.URL("css/missing.css"); err == nil {
		t.Error("missing asset has a URL")
	}
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if res, ok := a.Lookup(r.URL.Path); ok {
			res.Serve(w, r, http.StatusOK)
			return
		}
		w.WriteHeader(http.StatusTeapot)
	})

	codeURL, _ := a.URL("css/code.css")
	for _, tt := range []struct {
		path        string
		status      int
		contentType string
	}{
		{url, 200, "text/css; charset=utf-8"},
		{codeURL, 200, "text/css; charset=utf-8"},
		{"/static/css/site.css", http.StatusTeapot, ""},
		{"/static/css/site.0000000000.css", http.StatusTeapot, ""},
	} {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest("GET", tt.path, nil))
		if rec.Code != tt.status || rec.Header().Get("Content-Type") != tt.contentType {
			t.Errorf("GET %s: %d %q, want %d %q", tt.path, rec.Code, rec.Header().Get("Content-Type"), tt.status, tt.contentType)
		}
		if rec.Code == 200 && rec.Header().Get("Cache-Control") != immutable {
			t.Errorf("GET %s: Cache-Control = %q", tt.path, rec.Header().Get("Cache-Control"))
		}
	}
}
