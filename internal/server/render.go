package server

import (
	"bytes"
	"context"
	"fmt"
	"runtime"
	"sync"

	"github.com/versus-web/versus/internal/assets"
	"github.com/versus-web/versus/internal/cached"
	"github.com/versus-web/versus/internal/catalog"
	"github.com/versus-web/versus/internal/search"
	"github.com/versus-web/versus/web"
)

// Check renders every page of cat and checks the content's links against them, without
// compressing anything: what `versus check` runs once the content has loaded. Problems
// are returned as catalog.Problems.
func Check(cat *catalog.Catalog, static *assets.Assets) error {
	s := &Server{}
	return s.render(&site{cat: cat, assets: static})
}

// render fills in a site's pages: it renders every page of every kind in the registry,
// checks the content's links against them, then compresses them for serving.
func (s *Server) render(st *site) error {
	st.search = search.New(st.cat)
	if err := s.share(st); err != nil {
		return err
	}
	var pages []page
	byKey := map[string]page{}
	for _, kind := range pageKinds {
		for _, p := range kind.pages(st) {
			if _, dup := byKey[p.path]; dup {
				return fmt.Errorf("two pages at %s", p.path)
			}
			p.section = kind.section
			pages = append(pages, p)
			byKey[p.path] = p
		}
	}
	html, err := inParallel(pages, func(p page) ([]byte, error) {
		var buf bytes.Buffer
		if err := p.build(st.meta(p.section)).Render(context.Background(), &buf); err != nil {
			return nil, fmt.Errorf("rendering %s: %w", p.path, err)
		}
		return buf.Bytes(), nil
	})
	if err != nil {
		return err
	}
	if err := checkPages(st, pages, html); err != nil {
		return err
	}
	// Compression at the highest brotli level dominates the cost; it is paid once per
	// catalog, on every core.
	st.pages, _ = inParallel(pages, func(p page) (*cached.Response, error) {
		if s.compress {
			return cached.New(htmlType, revalidate, html[p.path]), nil
		}
		return cached.NewUncompressed(htmlType, revalidate, html[p.path]), nil
	})
	st.notFound, st.serverError = st.pages[notFoundKey], st.pages[serverErrorKey]
	delete(st.pages, notFoundKey)
	delete(st.pages, serverErrorKey)
	return nil
}

// share fills in what every page of the site shares: the title, base URL, asset URLs
// and, in dev mode, the problem banner.
func (s *Server) share(st *site) error {
	var err error
	url := func(name string) string {
		u, e := st.assets.URL(name)
		if e != nil && err == nil {
			err = e
		}
		return u
	}
	st.shared = web.Site{
		Title:   st.cat.Title,
		BaseURL: s.baseURL,
		Assets: web.Assets{
			SiteCSS: url("css/site.css"), CodeCSS: url("css/code.css"), Favicon: url("img/favicon.svg"),
			ThemeJS: url("js/theme.js"), SiteJS: url("js/site.js"),
		},
	}
	if s.dev {
		st.shared.Dev = &web.Dev{Problems: st.problems, Generation: st.generation}
	}
	return err
}

// inParallel runs f for every page on every core and returns the results by page path,
// with the first error.
func inParallel[T any](pages []page, f func(page) (T, error)) (map[string]T, error) {
	results := make([]T, len(pages))
	errs := make([]error, len(pages))
	next := make(chan int)
	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			for i := range next {
				results[i], errs[i] = f(pages[i])
			}
		})
	}
	for i := range pages {
		next <- i
	}
	close(next)
	wg.Wait()
	byPath := make(map[string]T, len(pages))
	for i, p := range pages {
		if errs[i] != nil {
			return nil, errs[i]
		}
		byPath[p.path] = results[i]
	}
	return byPath, nil
}
