package server

import (
	"net/url"

	lru "github.com/hashicorp/golang-lru/v2"
	"golang.org/x/sync/singleflight"

	"github.com/versus-web/versus/internal/cached"
)

// queryCacheSize bounds how many views rendered for a query a site keeps. A view is
// 10–60 KB with its encodings, so the cache stays within a few tens of megabytes.
const queryCacheSize = 512

// queryCache keeps the pages rendered for queries, keyed by the kind and the canonical
// form of the query, so a shared link clicked by many readers is rendered and compressed
// once. It belongs to one site: a new catalog starts with an empty cache. It is a 2Q
// cache, so a stream of one-off queries (a crawler, a flood) cannot push out the views
// that are asked for again and again.
type queryCache struct {
	views     *lru.TwoQueueCache[string, *cached.Response]
	rendering singleflight.Group // views being rendered, by key
}

func newQueryCache() *queryCache {
	views, err := lru.New2Q[string, *cached.Response](queryCacheSize)
	if err != nil {
		panic(err) // only for a size ≤ 0
	}
	return &queryCache{views: views}
}

// key is where a kind's view for q is cached; ok is false for a view that is not cached
// (the kind has no canonical form, or this query does not have one).
func (c *queryCache) key(st *site, kind *pageKind, q url.Values) (key string, ok bool) {
	if c == nil || kind.canonical == nil {
		return "", false
	}
	canonical, ok := kind.canonical(st, q)
	return kind.name + "?" + canonical, ok
}

// view returns the view cached under key, or renders it with render and keeps it; while
// one render of a key is under way, other callers for that key wait for its result.
func (c *queryCache) view(key string, render func() (*cached.Response, error)) (*cached.Response, error) {
	if res, ok := c.views.Get(key); ok {
		return res, nil
	}
	v, err, _ := c.rendering.Do(key, func() (any, error) {
		if res, ok := c.views.Get(key); ok { // made while this caller waited
			return res, nil
		}
		res, err := render()
		if err == nil {
			c.views.Add(key, res)
		}
		return res, err
	})
	if err != nil {
		return nil, err
	}
	return v.(*cached.Response), nil
}
