package cached

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/andybalholm/brotli"
)

func TestServeNegotiatesEncoding(t *testing.T) {
	body := []byte(strings.Repeat("<p>Node.js vs Django</p>\n", 100))
	resp := New("text/html; charset=utf-8", "no-cache", body)
	tests := []struct {
		acceptEncoding string
		wantEncoding   string
	}{
		{"", ""},
		{"gzip", "gzip"},
		{"gzip, deflate, br", "br"},
		{"br;q=0, gzip", "gzip"},
		{"BR", "br"},
		{"identity", ""},
		{"gzip;q=0", ""},
	}
	for _, tt := range tests {
		t.Run(tt.acceptEncoding, func(t *testing.T) {
			req := httptest.NewRequest(http.MethodGet, "/", nil)
			req.Header.Set("Accept-Encoding", tt.acceptEncoding)
			rec := httptest.NewRecorder()
			resp.Serve(rec, req, http.StatusOK)
			if got := rec.Header().Get("Content-Encoding"); got != tt.wantEncoding {
				t.Fatalf("Content-Encoding = %q, want %q", got, tt.wantEncoding)
			}
			if got := decode(t, tt.wantEncoding, rec.Body.Bytes()); !bytes.Equal(got, body) {
				t.Fatal("decoded body differs from the original")
			}
			if rec.Header().Get("Vary") != "Accept-Encoding" || rec.Header().Get("ETag") == "" {
				t.Errorf("headers = %v", rec.Header())
			}
		})
	}
}

func decode(t *testing.T, encoding string, b []byte) []byte {
	t.Helper()
	var r io.Reader = bytes.NewReader(b)
	switch encoding {
	case "gzip":
		zr, err := gzip.NewReader(r)
		if err != nil {
			t.Fatal(err)
		}
		r = zr
	case "br":
		r = brotli.NewReader(r)
	}
	out, err := io.ReadAll(r)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func TestServeNotModified(t *testing.T) {
	resp := New("text/css", "public, max-age=31536000, immutable", []byte("body{}"))
	req := httptest.NewRequest(http.MethodGet, "/", nil)
	req.Header.Set("If-None-Match", `"other", `+resp.ETag())
	rec := httptest.NewRecorder()
	resp.Serve(rec, req, http.StatusOK)
	if rec.Code != http.StatusNotModified || rec.Body.Len() != 0 {
		t.Fatalf("status %d, body %q", rec.Code, rec.Body)
	}
}

func TestServeSmallBodyUncompressedAndHead(t *testing.T) {
	resp := New("text/plain", "", []byte("ok"))
	req := httptest.NewRequest(http.MethodHead, "/", nil)
	req.Header.Set("Accept-Encoding", "br")
	rec := httptest.NewRecorder()
	resp.Serve(rec, req, http.StatusNotFound)
	if rec.Code != http.StatusNotFound || rec.Header().Get("Content-Encoding") != "" || rec.Body.Len() != 0 {
		t.Fatalf("status %d, encoding %q, body %q", rec.Code, rec.Header().Get("Content-Encoding"), rec.Body)
	}
	if rec.Header().Get("Content-Length") != "2" {
		t.Errorf("Content-Length = %q", rec.Header().Get("Content-Length"))
	}
}

// TestCompressedOnFirstUseThenOptimized: nothing is compressed until a client asks; the
// first request gets a fast encoding, Optimize a smaller one; every encoding decodes to
// the same body and carries the same weak ETag, so a 304 holds across encodings.
func TestCompressedOnFirstUseThenOptimized(t *testing.T) {
	// Prose-like text: the best levels beat the fast ones on it, as on real pages.
	words := strings.Fields("Node.js Django event loop worker thread ORM admin migrations template async await request middleware security release support package registry")
	var page strings.Builder
	rnd := rand.New(rand.NewPCG(1, 2))
	for i := range 3000 {
		fmt.Fprintf(&page, "%s%s", words[rnd.IntN(len(words))], []string{" ", " ", ", ", ".\n<p>", " <em>"}[i%5])
	}
	body := []byte(page.String())
	resp := New("text/html; charset=utf-8", "no-cache", body)
	if resp.gzip.bytes.Load() != nil || resp.brotli.bytes.Load() != nil {
		t.Fatal("compressed before any request asked for it")
	}
	serve := func(encoding string) *httptest.ResponseRecorder {
		req := httptest.NewRequest(http.MethodGet, "/", nil)
		req.Header.Set("Accept-Encoding", encoding)
		rec := httptest.NewRecorder()
		resp.Serve(rec, req, http.StatusOK)
		return rec
	}
	fast := map[string]int{}
	for _, enc := range []string{"br", "gzip"} {
		rec := serve(enc)
		if got := decode(t, enc, rec.Body.Bytes()); !bytes.Equal(got, body) {
			t.Fatalf("%s: decoded body differs", enc)
		}
		fast[enc] = rec.Body.Len()
	}
	if resp.brotli.bytes.Load() == nil || resp.gzip.bytes.Load() == nil {
		t.Fatal("encodings not kept after first use")
	}
	if !resp.Optimize() || resp.Optimize() {
		t.Error("Optimize should do its work once, and say so")
	}
	etags := map[string]bool{}
	for _, enc := range []string{"br", "gzip", ""} {
		rec := serve(enc)
		if got := decode(t, enc, rec.Body.Bytes()); !bytes.Equal(got, body) {
			t.Fatalf("%s after Optimize: decoded body differs", enc)
		}
		if enc != "" && rec.Body.Len() > fast[enc] {
			t.Errorf("%s: optimized %d bytes, fast %d", enc, rec.Body.Len(), fast[enc])
		}
		etags[rec.Header().Get("ETag")] = true
	}
	etag := resp.ETag()
	if len(etags) != 1 || !etags[etag] || !strings.HasPrefix(etag, `W/"`) {
		t.Fatalf("ETags %v: want one weak ETag for every encoding", etags)
	}
	for _, inm := range []string{etag, strings.TrimPrefix(etag, "W/")} {
		req := httptest.NewRequest(http.MethodGet, "/", nil)
		req.Header.Set("Accept-Encoding", "gzip")
		req.Header.Set("If-None-Match", inm)
		rec := httptest.NewRecorder()
		resp.Serve(rec, req, http.StatusOK)
		if rec.Code != http.StatusNotModified {
			t.Errorf("If-None-Match %s: status %d, want 304", inm, rec.Code)
		}
	}
}

// TestConcurrentFirstUse: many requests racing for the first encoding get the same,
// correct bytes (run with -race).
func TestConcurrentFirstUse(t *testing.T) {
	body := []byte(strings.Repeat("<p>Node.js vs Django</p>\n", 200))
	resp := New("text/html", "no-cache", body)
	var wg sync.WaitGroup
	for i := range 8 {
		wg.Go(func() {
			if i == 0 {
				resp.Optimize()
			}
			req := httptest.NewRequest(http.MethodGet, "/", nil)
			req.Header.Set("Accept-Encoding", "br")
			rec := httptest.NewRecorder()
			resp.Serve(rec, req, http.StatusOK)
			if got := decode(t, "br", rec.Body.Bytes()); !bytes.Equal(got, body) {
				t.Error("decoded body differs")
			}
		})
	}
	wg.Wait()
}

// TestOptimizedIsWhatServeSends: the encodings Optimized returns are the bytes Serve
// sends from then on, whichever ran first, and a small or binary body has no encodings.
func TestOptimizedIsWhatServeSends(t *testing.T) {
	body := []byte(strings.Repeat("<p>Node.js vs Django</p>\n", 100))
	for _, firstServe := range []bool{false, true} {
		resp := New("text/html; charset=utf-8", "no-cache", body)
		serve := func(encoding string) []byte {
			req := httptest.NewRequest(http.MethodGet, "/", nil)
			req.Header.Set("Accept-Encoding", encoding)
			rec := httptest.NewRecorder()
			resp.Serve(rec, req, http.StatusOK)
			return rec.Body.Bytes()
		}
		if firstServe {
			serve("br") // a fast encoding first, which Optimized replaces
			serve("gzip")
		}
		enc := resp.Optimized()
		for name, want := range map[string][]byte{"br": enc.Brotli, "gzip": enc.Gzip, "identity": enc.Identity} {
			if got := serve(name); !bytes.Equal(got, want) {
				t.Errorf("served first %v: %s: Serve sent %d bytes, Optimized gave %d", firstServe, name, len(got), len(want))
			}
		}
		if got := decode(t, "br", enc.Brotli); !bytes.Equal(got, body) {
			t.Error("brotli encoding does not decode to the body")
		}
		if resp.Optimize() {
			t.Error("Optimize did its work again after Optimized")
		}
	}
	for _, resp := range []*Response{New("text/html", "", []byte("<p>small</p>")), New("image/png", "", bytes.Repeat([]byte{1}, 4096))} {
		if enc := resp.Optimized(); enc.Gzip != nil || enc.Brotli != nil || enc.Identity == nil {
			t.Errorf("%s: %d, %d compressed bytes for a body that is sent as it is", resp.ContentType(), len(enc.Gzip), len(enc.Brotli))
		}
	}
}
