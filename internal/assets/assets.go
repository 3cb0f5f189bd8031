// Package assets serves the embedded static files under content-hashed names, so each
// can be cached by browsers for a year and still change the moment its bytes change.
package assets

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io/fs"
	"iter"
	"maps"
	"mime"
	"path"
	"slices"
	"sort"
	"strings"

	"github.com/versus-web/versus/internal/cached"
)

// Prefix is the URL path under which assets are served.
const Prefix = "/static/"

const immutable = "public, max-age=31536000, immutable"

// Assets maps logical names ("css/site.css") to hashed URLs and serves them.
type Assets struct {
	urls  map[string]string           // logical name → URL path
	files map[string]*cached.Response // URL path → response
}

// New reads every file in fsys, plus generated files (logical name → bytes), and
// prepares them for serving.
func New(fsys fs.FS, generated map[string][]byte) (*Assets, error) {
	a := &Assets{urls: map[string]string{}, files: map[string]*cached.Response{}}
	err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || strings.HasSuffix(p, ".go") {
			return err
		}
		b, err := fs.ReadFile(fsys, p)
		if err != nil {
			return err
		}
		a.add(p, b)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("reading static files: %w", err)
	}
	names := make([]string, 0, len(generated))
	for name := range generated {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		a.add(name, generated[name])
	}
	return a, nil
}

func (a *Assets) add(name string, body []byte) {
	body = minify(name, body)
	sum := sha256.Sum256(body)
	ext := path.Ext(name)
	url := Prefix + strings.TrimSuffix(name, ext) + "." + hex.EncodeToString(sum[:5]) + ext
	contentType := mime.TypeByExtension(ext)
	if contentType == "" {
		contentType = "application/octet-stream"
	}
	a.urls[name] = url
	a.files[url] = cached.New(contentType, immutable, body)
}

// URL returns the hashed URL path of a logical asset name, or an error if there is none.
func (a *Assets) URL(name string) (string, error) {
	url, ok := a.urls[name]
	if !ok {
		return "", fmt.Errorf("no static asset %q", name)
	}
	return url, nil
}

// Lookup returns the asset served at a URL path.
func (a *Assets) Lookup(urlPath string) (*cached.Response, bool) {
	r, ok := a.files[urlPath]
	return r, ok
}

// Files lists every asset by its URL path, sorted: what a static export writes.
func (a *Assets) Files() iter.Seq2[string, *cached.Response] {
	return func(yield func(string, *cached.Response) bool) {
		for _, url := range slices.Sorted(maps.Keys(a.files)) {
			if !yield(url, a.files[url]) {
				return
			}
		}
	}
}

// Responses lists every asset's response, in no particular order.
func (a *Assets) Responses() iter.Seq[*cached.Response] { return maps.Values(a.files) }
