// Package cached serves bytes that were prepared once: a page rendered for a catalog or a
// static asset, kept with its gzip and brotli encodings and an ETag, so a request costs a
// map lookup and a write.
package cached

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/base64"
	"math/bits"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/andybalholm/brotli"
)

// Response is an HTTP response body prepared once. Its bytes never change; its gzip and
// brotli encodings are made on first use at a fast level, so that nothing is compressed
// before the server listens, and Optimize recompresses them at the best level for the
// long-lived cache. Both encodings of one body decode to the same bytes, so they share a
// weak ETag.
type Response struct {
	contentType  string
	cacheControl string
	etag         string
	identity     []byte
	compress     bool // big enough, and of a type that compression shrinks
	gzip, brotli encoded
	optimizeOnce sync.Once // Optimize's work; callers wait for it, so its bytes are stored when it returns
}

// encoded is one compressed form of a body: nil until first needed.
type encoded struct {
	once  sync.Once
	bytes atomic.Pointer[[]byte]
}

// get returns the encoding, making it with fast on first use.
func (e *encoded) get(body []byte, fast func([]byte) []byte) []byte {
	e.once.Do(func() {
		if e.bytes.Load() == nil { // Optimize may have run first
			b := fast(body)
			e.bytes.CompareAndSwap(nil, &b)
		}
	})
	return *e.bytes.Load()
}

// minCompressSize is the size below which compressing costs more than it saves.
const minCompressSize = 512

// Compression levels. The fast ones answer a first request in about a millisecond for a
// typical page; the best ones take tens of milliseconds and save another tenth or so.
const (
	gzipFast   = 5
	brotliFast = 5
	gzipBest   = gzip.BestCompression
	brotliBest = brotli.BestCompression
)

// New prepares body for serving, compressed on demand.
func New(contentType, cacheControl string, body []byte) *Response {
	r := NewUncompressed(contentType, cacheControl, body)
	r.compress = len(body) >= minCompressSize && compressible(contentType)
	return r
}

// Optimize compresses the body at the best levels, replacing any fast encodings, and says
// whether it did: it does the work once, and not for bodies that are not compressed. It
// costs tens of milliseconds of one core for a page, and is meant for a background worker.
func (r *Response) Optimize() bool {
	if !r.compress {
		return false
	}
	did := false
	r.optimizeOnce.Do(func() {
		gz, br := gzipBytes(r.identity, gzipBest), brotliBytes(r.identity, brotliBest)
		r.gzip.bytes.Store(&gz)
		r.brotli.bytes.Store(&br)
		did = true
	})
	return did
}

// Encodings are the bodies a Response sends, one per Content-Encoding.
type Encodings struct {
	Identity []byte
	Gzip     []byte // nil when the response is not compressed
	Brotli   []byte // nil when the response is not compressed
}

// Optimized compresses the body at the best levels, as Optimize does, and returns the
// bytes Serve sends from then on for each encoding. A static export writes these beside
// each file, so that a static server and the optimized server send the very same bytes.
// The slices are shared: do not change them.
func (r *Response) Optimized() Encodings {
	e := Encodings{Identity: r.identity}
	if r.compress {
		r.Optimize()
		e.Gzip, e.Brotli = *r.gzip.bytes.Load(), *r.brotli.bytes.Load()
	}
	return e
}

// Encoded returns the bytes Serve sends now for each encoding, making the fast ones
// first if no request has yet: what a view that is never optimized (one rendered for a
// query) is sent as. The slices are shared: do not change them.
func (r *Response) Encoded() Encodings {
	e := Encodings{Identity: r.identity}
	if r.compress {
		e.Gzip, e.Brotli = r.gzip.get(r.identity, fastGzip), r.brotli.get(r.identity, fastBrotli)
	}
	return e
}

// ContentType is the Content-Type the response is served with.
func (r *Response) ContentType() string { return r.contentType }

// CacheControl is the Cache-Control the response is served with; empty means none.
func (r *Response) CacheControl() string { return r.cacheControl }

func compressible(contentType string) bool {
	return strings.HasPrefix(contentType, "text/") || strings.Contains(contentType, "javascript") ||
		strings.Contains(contentType, "json") || strings.Contains(contentType, "svg") ||
		strings.Contains(contentType, "xml")
}

func gzipBytes(b []byte, level int) []byte {
	var buf bytes.Buffer
	w, _ := gzip.NewWriterLevel(&buf, level)
	_, _ = w.Write(b)
	_ = w.Close()
	return buf.Bytes()
}

func brotliBytes(b []byte, quality int) []byte {
	var buf bytes.Buffer
	// A window just big enough for the body: the encoder's memory grows with the window,
	// and at the best quality a 4 MB default window costs far more than a page needs.
	lgwin := min(max(bits.Len(uint(len(b))), 10), 24)
	w := brotli.NewWriterOptions(&buf, brotli.WriterOptions{Quality: quality, LGWin: lgwin})
	_, _ = w.Write(b)
	_ = w.Close()
	return buf.Bytes()
}

func fastGzip(b []byte) []byte   { return gzipBytes(b, gzipFast) }
func fastBrotli(b []byte) []byte { return brotliBytes(b, brotliFast) }

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
	if r.compress {
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
	if r.compress {
		switch preferredEncoding(req.Header.Get("Accept-Encoding")) {
		case "br":
			h.Set("Content-Encoding", "br")
			body = r.brotli.get(r.identity, fastBrotli)
		case "gzip":
			h.Set("Content-Encoding", "gzip")
			body = r.gzip.get(r.identity, fastGzip)
		}
	}
	h.Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(status)
	if req.Method != http.MethodHead {
		_, _ = w.Write(body)
	}
}

// etagMatches compares weakly, as If-None-Match asks (RFC 9110, 13.1.2).
func etagMatches(header, etag string) bool {
	etag = strings.TrimPrefix(etag, "W/")
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
		etag:         `W/"` + base64.RawURLEncoding.EncodeToString(sum[:12]) + `"`,
		identity:     body,
	}
}
