// Package export writes a site as static files that nginx, a CDN or any static host can
// serve: every response of the page registry under a file name a static server can find
// by the URL path, with its gzip and brotli encodings beside it (name.gz, name.br) byte
// for byte as versus sends them once it has optimized them, and a _headers file that
// says which headers each path is served with (Netlify and Cloudflare Pages read it;
// deploy/nginx-export.conf does the same for nginx).
//
// URL paths map to files so that `try_files $uri $uri.html $uri.json` finds them:
//
//	/                    index.html
//	/criteria/security   criteria/security.html     (an HTML page: .html)
//	/api/v1/criteria     api/v1/criteria.json       (a JSON document without extension: .json)
//	/feed.xml            feed.xml                   (a path with an extension: as it is)
//	/compare?g=data      compare/g/data.html        (a pre-rendered query view)
//	the not-found page   404.html
package export

import (
	"bufio"
	"cmp"
	"errors"
	"fmt"
	"io/fs"
	"iter"
	"maps"
	"net/http"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"

	"github.com/versus-web/versus/internal/cached"
	"github.com/versus-web/versus/internal/server"
)

// Manifest is the file, in an export's folder, that lists every file the export wrote,
// so the next export into that folder removes exactly those and nothing else.
const Manifest = ".versus-export"

// Headers is the file that lists the headers of each path, in the format of Netlify and
// Cloudflare Pages.
const Headers = "_headers"

// Summary says what an export wrote.
type Summary struct {
	Responses int   // pages, documents and assets
	Files     int   // with their .gz and .br files, _headers and the manifest
	Bytes     int64 // the size of every file written
}

// Write writes files to dir, which must be missing, empty or a previous export: the
// files a previous export wrote are removed first, and nothing else is touched.
func Write(dir string, files iter.Seq2[server.StaticFile, error]) (Summary, error) {
	if err := clearPrevious(dir); err != nil {
		return Summary{}, err
	}
	w := &writer{dir: dir}
	err := w.files(files)
	// The manifest lists what was written even when something failed, so the next
	// export into the folder can remove it.
	manifest := "# Written by versus export. The next export into this folder removes these files first.\n" +
		strings.Join(append(w.written, Manifest), "\n") + "\n"
	w.err = nil
	w.write(Manifest, []byte(manifest))
	return w.sum, errors.Join(err, w.err)
}

// files writes every response, each encoding beside it, and the _headers file.
func (w *writer) files(files iter.Seq2[server.StaticFile, error]) error {
	var headers strings.Builder
	headers.WriteString("# Headers per path, as versus serve sends them (Netlify, Cloudflare Pages).\n")
	for f, err := range files {
		if err != nil {
			return err
		}
		name, err := FileName(f)
		if err != nil {
			return err
		}
		var enc cached.Encodings
		if f.Query {
			// The server keeps its views of a query at the fast level: the same bytes.
			enc = f.Response.Encoded()
		} else {
			enc = f.Response.Optimized()
		}
		w.write(name, enc.Identity)
		if enc.Gzip != nil {
			w.write(name+".gz", enc.Gzip)
			w.write(name+".br", enc.Brotli)
		}
		w.sum.Responses++
		if !f.Query { // a static host matches paths, not queries
			writeHeaders(&headers, cmp.Or(f.Path, "/"+name), f.Header)
		}
	}
	w.write(Headers, []byte(headers.String()))
	return w.err
}

// writer writes files into an export's folder and keeps the first error.
type writer struct {
	dir     string
	written []string // slash-separated names, relative to dir
	sum     Summary
	err     error
}

func (w *writer) write(name string, body []byte) {
	if w.err != nil {
		return
	}
	full := filepath.Join(w.dir, filepath.FromSlash(name))
	if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
		w.err = err
		return
	}
	// O_EXCL: a file this export did not write before is never overwritten.
	f, err := os.OpenFile(full, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if errors.Is(err, fs.ErrExist) {
		err = fmt.Errorf("%s exists and was not written by a previous export; remove it or export into another folder", full)
	}
	if err == nil {
		_, err = f.Write(body)
		err = errors.Join(err, f.Close())
	}
	if err != nil {
		w.err = err
		return
	}
	w.written = append(w.written, name)
	w.sum.Files++
	w.sum.Bytes += int64(len(body))
}

// FileName is the file, relative to the export's folder and slash-separated, that a
// response is written to.
func FileName(f server.StaticFile) (string, error) {
	if f.Status == http.StatusNotFound {
		return "404.html", nil
	}
	p, rawQuery, _ := strings.Cut(f.Path, "?")
	if p == "/" {
		p = "/index"
	}
	name := strings.TrimPrefix(p, "/")
	if rawQuery != "" {
		q, err := url.ParseQuery(rawQuery)
		if err != nil || len(q) != 1 {
			return "", fmt.Errorf("%s: an export names a query view by one parameter", f.Path)
		}
		for k, v := range q {
			if len(v) != 1 {
				return "", fmt.Errorf("%s: an export names a query view by one value", f.Path)
			}
			name += "/" + k + "/" + v[0]
		}
	}
	if rawQuery != "" || path.Ext(name) == "" {
		ext, ok := extensions[strings.TrimSpace(strings.Split(f.Header.Get("Content-Type"), ";")[0])]
		if !ok {
			return "", fmt.Errorf("%s: no file extension for Content-Type %q", f.Path, f.Header.Get("Content-Type"))
		}
		name += ext
	}
	if !fs.ValidPath(name) || name == Manifest || name == Headers {
		return "", fmt.Errorf("%s: not a file name an export can write", f.Path)
	}
	return name, nil
}

// extensions are the file extensions of paths without one, by media type: the nginx
// snippet's try_files looks for these.
var extensions = map[string]string{
	"text/html":        ".html",
	"application/json": ".json",
}

// writeHeaders adds a path's rule to a _headers file.
func writeHeaders(b *strings.Builder, urlPath string, h http.Header) {
	b.WriteString("\n" + urlPath + "\n")
	for _, k := range slices.Sorted(maps.Keys(h)) {
		for _, v := range h[k] {
			b.WriteString("  " + k + ": " + v + "\n")
		}
	}
}

// clearPrevious makes dir ready for an export: it creates it when missing, and removes the
// files a previous export listed in its manifest. It refuses any other folder with
// something in it.
func clearPrevious(dir string) error {
	entries, err := os.ReadDir(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return os.MkdirAll(dir, 0o755)
	}
	if err != nil || len(entries) == 0 {
		return err
	}
	f, err := os.Open(filepath.Join(dir, Manifest))
	if errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("%s is not empty and is not a previous export (it has no %s file): export into a new or empty folder", dir, Manifest)
	}
	if err != nil {
		return err
	}
	defer f.Close()
	var names []string
	lines := bufio.NewScanner(f)
	for lines.Scan() {
		name := lines.Text()
		if name == "" || strings.HasPrefix(name, "#") {
			continue
		}
		if !fs.ValidPath(name) {
			return fmt.Errorf("%s lists %q, which is not a file in the folder; not removing anything", filepath.Join(dir, Manifest), name)
		}
		names = append(names, name)
	}
	if err := lines.Err(); err != nil {
		return err
	}
	dirs := map[string]bool{}
	for _, name := range names {
		if err := os.Remove(filepath.Join(dir, filepath.FromSlash(name))); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return err
		}
		for d := path.Dir(name); d != "."; d = path.Dir(d) {
			dirs[d] = true
		}
	}
	// Folders the export made and that are empty now, deepest first; a folder with
	// someone else's files in it stays.
	sorted := slices.SortedFunc(maps.Keys(dirs), func(a, b string) int { return strings.Count(b, "/") - strings.Count(a, "/") })
	for _, d := range sorted {
		_ = os.Remove(filepath.Join(dir, filepath.FromSlash(d)))
	}
	return nil
}
