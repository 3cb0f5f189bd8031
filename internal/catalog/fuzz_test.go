package catalog

import (
	"errors"
	"testing"
	"testing/fstest"
	"time"

	"github.com/versus-web/versus/internal/fixture"
)

// FuzzLoad feeds arbitrary bytes to the loader as a criterion and as an article. Loading
// must never panic: it returns a catalog, or problems that each name a file and say what
// is wrong.
func FuzzLoad(f *testing.F) {
	sample := fixture.SampleMap(f)
	f.Add(sample["criteria/security.yaml"].Data, sample["articles/overview.md"].Data)
	f.Add([]byte("title: [unclosed\n"), []byte("---\ntitle: x\n"))
	f.Add([]byte("ratings:\n  nodejs:\n\trating: 3\n"), []byte("---\n---\n"))
	f.Add([]byte("\xff\xfe"), []byte("---\ncriteria: {a: b}\n---\nbody"))
	f.Add([]byte("reviewed: {a: 1}\nchanges:\n  -\n  - date: [1]\n  - summary: TODO\n"), []byte("---\nupdated: 2026-11-23\n---\n"))
	f.Add([]byte("ratings: &a\n  x: *a\n"), []byte("---\npublished: 2026-02-30\n---\n[x](/criteria/nope#frag)"))
	f.Fuzz(func(t *testing.T, criterion, article []byte) {
		fsys := fstest.MapFS{}
		for name, file := range sample {
			fsys[name] = &fstest.MapFile{Data: file.Data}
		}
		fsys["criteria/security.yaml"] = &fstest.MapFile{Data: criterion}
		fsys["articles/overview.md"] = &fstest.MapFile{Data: article}
		var cat *Catalog
		var err error
		loaded := make(chan struct{})
		go func() {
			defer close(loaded)
			cat, err = Load(fsys, Options{Now: testNow})
		}()
		select {
		case <-loaded:
		case <-time.After(10 * time.Second):
			t.Fatalf("Load hangs on criterion %q, article %q", criterion, article)
		}
		if err == nil {
			if cat == nil {
				t.Fatal("no catalog and no error")
			}
			return
		}
		var problems Problems
		if !errors.As(err, &problems) || len(problems) == 0 {
			t.Fatalf("error is not a list of problems: %v", err)
		}
		for _, p := range problems {
			if p.Path == "" || p.Message == "" || p.Line < 0 || p.Column < 0 {
				t.Fatalf("malformed problem: %+v", p)
			}
		}
	})
}
