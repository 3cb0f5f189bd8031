// Package cached serves bytes that were prepared once: a page rendered for a catalog or a
// static asset, stored alongside its gzip and brotli encodings and an ETag, so a request
// costs a map lookup and a write.
package cached

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/base64"
	"net/http"
	"strconv"
	"strings"

	"github.com/andybalholm/brotli"
)

// Response is an immutable, pre-compressed HTTP response body.
type Response struct {
	contentType  string
	cacheControl string
	etag         string
	identity     []byte
	gzip         []byte // nil when compressing does not pay
	brotli       []byte
}

// minCompressSize is the size below which compressing costs more than it saves.
const minCompressSize = 512

// New prepares body for serving: it compresses it once and derives its ETag.
func New(contentType, cacheControl string, body []byte) *Response {
	r := NewUncompressed(contentType, cacheControl, body)
	if len(body) >= minCompressSize && compressible(contentType) {
		r.gzip = gzipBytes(body)
		r.brotli = brotliBytes(body)
	}
	return r
}

func compressible(contentType string) bool {
	return strings.HasPrefix(contentType, "text/") || strings.Contains(contentType, "javascript") ||
		strings.Contains(contentType, "json") || strings.Contains(contentType, "svg")
}

func gzipBytes(b []byte) []byte {
	var buf bytes.Buffer
	w, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	_, _ = w.Write(b)
	_ = w.Close()
	return buf.Bytes()
}

func brotliBytes(b []byte) []byte {
	var buf bytes.Buffer
	w := brotli.NewWriterLevel(&buf, brotli.BestCompression)
	_, _ = w.Write(b)
	_ = w.Close()
	return buf.Bytes()
}

// ETag returns the response's entity tag, quoted.
func (r *Response) ETag() string { return r.etag }

// Serve writes the response with the given status, choosing the smallest encoding the
// client accepts and answering a matching If-None-Match with 304 Not Modified.
func (r *Response) Serve(w http.ResponseWriter, req *http.Request, status int) {
	h := w.Header()
	h.Set("Content-Type", r.contentType)
	if r.cacheControl != "" {
		h.Set("Cache-Control", r.cacheControl)
	}
	if r.gzip != nil {
		h.Add("Vary", "Accept-Encoding")
	}
	if status == http.StatusOK {
		h.Set("ETag", r.etag)
		if etagMatches(req.Header.Get("If-None-Match"), r.etag) {
			w.WriteHeader(http.StatusNotModified)
			return
		}
	}
	body := r.identity
	if r.gzip != nil {
		switch preferredEncoding(req.Header.Get("Accept-Encoding")) {
		case "br":
			h.Set("Content-Encoding", "br")
			body = r.brotli
		case "gzip":
			h.Set("Content-Encoding", "gzip")
			body = r.gzip
		}
	}
	h.Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(status)
	if req.Method != http.MethodHead {
		_, _ = w.Write(body)
	}
}

func etagMatches(header, etag string) bool {
	for _, candidate := range strings.Split(header, ",") {
		candidate = strings.TrimPrefix(strings.TrimSpace(candidate), "W/")
		if candidate == etag || candidate == "*" {
			return true
		}
	}
	return false
}

// preferredEncoding picks br, then gzip, from an Accept-Encoding header, honouring q=0.
func preferredEncoding(header string) string {
	accepted := map[string]bool{}
	for _, part := range strings.Split(header, ",") {
		name, params, _ := strings.Cut(strings.TrimSpace(part), ";")
		name = strings.ToLower(strings.TrimSpace(name))
		q := 1.0
		if k, v, ok := strings.Cut(strings.TrimSpace(params), "="); ok && strings.TrimSpace(k) == "q" {
			if f, err := strconv.ParseFloat(strings.TrimSpace(v), 64); err == nil {
				q = f
			}
		}
		accepted[name] = q > 0
	}
	for _, enc := range []string{"br", "gzip"} {
		if accepted[enc] {
			return enc
		}
	}
	return ""
}

// NewUncompressed prepares body for serving as it is, for content that changes too often
// for compression to pay, such as pages in dev mode.
func NewUncompressed(contentType, cacheControl string, body []byte) *Response {
	sum := sha256.Sum256(body)
	return &Response{
		contentType:  contentType,
		cacheControl: cacheControl,
		etag:         `"` + base64.RawURLEncoding.EncodeToString(sum[:12]) + `"`,
		identity:     body,
	}
}
