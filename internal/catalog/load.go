package catalog

import (
	"bytes"
	"fmt"
	"io/fs"
	"path"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/versus-web/versus/internal/markdown"
	"github.com/versus-web/versus/internal/parallel"
)

// Options change which content a load includes.
type Options struct {
	// Drafts includes criteria and articles marked draft, and articles published in the future.
	Drafts bool
	// Now decides which articles are published; the zero value means time.Now().
	Now time.Time
}

// Load reads, validates and renders a content folder. On any problem it returns a nil
// catalog and a Problems error listing every problem found, each with its file and line.
func Load(fsys fs.FS, opts Options) (*Catalog, error) {
	if opts.Now.IsZero() {
		opts.Now = time.Now()
	}
	l := &loader{fsys: fsys, opts: opts, md: markdown.New(),
		criterionFiles: map[string]bool{}, articleFiles: map[string]bool{}}
	cat := l.load()
	if len(l.problems) > 0 {
		return nil, l.problems.Sorted()
	}
	return cat, nil
}

type loader struct {
	fsys     fs.FS
	opts     Options
	md       *markdown.Renderer
	problems Problems

	cat *Catalog
	// Slugs of every criterion and article file, broken or not, so a reference to a
	// page whose file is broken is not reported as well.
	criterionFiles map[string]bool
	articleFiles   map[string]bool

	// A file that cannot be used at all (missing, empty, unreadable, not valid YAML) is
	// reported once. What it defined is unknown, so a reference that does not resolve
	// is not reported as well: the broken file may well define it.
	comparisonBroken bool // subjects and groups are unknown
	sourcesBroken    bool // some source ids are unknown
}

func (l *loader) addf(file string, line int, format string, args ...any) {
	l.problems = append(l.problems, Problem{Path: file, Line: line, Message: fmt.Sprintf(format, args...)})
}

func (l *loader) load() *Catalog {
	files := l.listFiles()
	if files == nil {
		return nil
	}
	l.cat = &Catalog{
		subjects: map[string]*Subject{},
		criteria: map[string]*Criterion{},
		articles: map[string]*Article{},
		sources:  map[string]*Source{},
	}
	groups := l.loadComparison()
	for _, f := range files["sources"] {
		l.loadSources(f)
	}
	criteria := decodeAll(l, files["criteria"], l.criterionFiles, (*loader).decodeCriterion)
	articles := decodeAll(l, files["articles"], l.articleFiles, (*loader).decodeArticle)
	// Every page is known now, so references between criteria and articles can resolve.
	parallel.For(len(criteria), func(i int) {
		if d := criteria[i]; d.draft != nil {
			d.part.buildCriterion(d.draft, groups)
		}
	})
	parallel.For(len(articles), func(i int) {
		if d := articles[i]; d.draft != nil {
			d.part.buildArticle(d.draft)
		}
	})
	// Claims refer to each other's judgements across criteria.
	checkClaims(drafts(criteria))
	// Each file's problems in file order, as if the files had been read one by one.
	for _, d := range criteria {
		l.problems = append(l.problems, d.part.problems...)
	}
	for _, d := range articles {
		l.problems = append(l.problems, d.part.problems...)
	}
	l.relate(drafts(criteria), drafts(articles))
	l.order(drafts(criteria), drafts(articles))
	return l.cat
}

// decoded is a page file's draft (nil if the file cannot be used) and the part of the
// loader that reads and builds it, which holds the file's problems.
type decoded[D any] struct {
	part  *loader
	draft *D
}

// decodeAll registers the slug of every page file in files, then decodes the files on
// every core. Each file gets its own part of the loader, so that building the pages can
// run in parallel too and the problems still come out in the order of the files.
func decodeAll[D any](l *loader, paths []string, files map[string]bool, decode func(*loader, string, string) *D) []decoded[D] {
	out := make([]decoded[D], len(paths))
	slugs := make([]string, len(paths))
	for i, p := range paths {
		out[i].part = l.part()
		// The page exists even if its file is broken, so references to it are not
		// reported too.
		if slug, ok := out[i].part.fileSlug(p); ok {
			files[slug], slugs[i] = true, slug
		}
	}
	parallel.For(len(paths), func(i int) {
		out[i].draft = decode(out[i].part, paths[i], slugs[i])
	})
	return out
}

// drafts lists the drafts of the files that could be decoded, in file order.
func drafts[D any](decoded []decoded[D]) []*D {
	var out []*D
	for _, d := range decoded {
		if d.draft != nil {
			out = append(out, d.draft)
		}
	}
	return out
}

// part returns a loader that shares l's content and options but collects its own
// problems: one file's, read and built on some core while others are.
func (l *loader) part() *loader {
	p := *l
	p.problems = nil
	return &p
}

// listFiles sorts the folder's files by kind and reports those of no known kind.
func (l *loader) listFiles() map[string][]string {
	files := map[string][]string{}
	count := 0
	err := fs.WalkDir(l.fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		name := d.Name()
		if strings.HasPrefix(name, ".") && p != "." {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil // editor and OS droppings such as .DS_Store
		}
		if d.IsDir() {
			switch p {
			case ".", "sources", "criteria", "articles":
				return nil
			}
			l.addf(p, 0, "unexpected folder; content has only sources/, criteria/ and articles/")
			return fs.SkipDir
		}
		count++
		dir, ext := path.Dir(p), path.Ext(p)
		switch {
		case p == "comparison.yaml":
		case dir == "." && ext == ".go":
			// The repository's content folder is also the Go package that embeds it.
		case (dir == "sources" || dir == "criteria") && ext == ".yaml":
			files[dir] = append(files[dir], p)
		case dir == "articles" && ext == ".md":
			files[dir] = append(files[dir], p)
		default:
			l.addf(p, 0, "file of unknown kind; expected comparison.yaml, sources/*.yaml, criteria/*.yaml or articles/*.md")
		}
		return nil
	})
	if err != nil {
		l.addf(".", 0, "cannot read content folder: %v", err)
		return nil
	}
	if count == 0 {
		l.addf(".", 0, "content folder is empty; it needs comparison.yaml, sources/, criteria/ and articles/")
		return nil
	}
	return files
}

// read returns a file's bytes, or nil after reporting why it cannot be used: it cannot be
// read, is not UTF-8, or is empty.
func (l *loader) read(p string) []byte {
	b, err := fs.ReadFile(l.fsys, p)
	if err != nil {
		l.addf(p, 0, "cannot read: %v", err)
		return nil
	}
	if !utf8.Valid(b) {
		line := 1 + bytes.Count(b[:firstInvalidUTF8(b)], []byte("\n"))
		l.addf(p, line, "not valid UTF-8; save the file as UTF-8")
		return nil
	}
	b = bytes.TrimPrefix(b, []byte("\uFEFF"))
	if len(bytes.TrimSpace(b)) == 0 {
		// Reported as such, rather than as every field the file lacks.
		l.addf(p, 0, "file is empty")
		return nil
	}
	return b
}

func firstInvalidUTF8(b []byte) int {
	for i := 0; i < len(b); {
		r, size := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && size == 1 {
			return i
		}
		i += size
	}
	return len(b)
}

// fileSlug takes a page's slug from its file name and checks it.
func (l *loader) fileSlug(p string) (string, bool) {
	slug := strings.TrimSuffix(path.Base(p), path.Ext(p))
	if !slugPattern.MatchString(slug) {
		l.addf(p, 0, "file name %q is not a valid slug: use lower-case letters, digits and single hyphens", slug)
		return "", false
	}
	return slug, true
}
