package cached

import (
	"bytes"
	"compress/gzip"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
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
