package catalog

import (
	"bytes"
	"fmt"
	"io/fs"
	"net/url"
	"path"
	"regexp"
	"slices"
	"sort"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/versus-web/versus/internal/markdown"
)

// Options change which content a load includes.
type Options struct {
	// Drafts includes criteria and articles marked draft, and articles published in the future.
	Drafts bool
	// Now decides which articles are published; the zero value means time.Now().
	Now time.Time
}

const dateLayout = "2006-01-02"

var slugPattern = regexp.MustCompile(`^[a-z0-9]+(?:-[a-z0-9]+)*$`)

var (
	subjectKinds = []string{"runtime", "framework", "language", "library", "platform", "database"}
	sourceKinds  = []string{"article", "docs", "benchmark", "survey", "release", "paper", "repository"}
	judgements   = []Judgement{Holds, PartlyHolds, DoesNotHold, Disputed}
)

// Load reads, validates and renders a content folder. On any problem it returns a nil
// catalog and a Problems error listing every problem found, each with its file and line.
func Load(fsys fs.FS, opts Options) (*Catalog, error) {
	if opts.Now.IsZero() {
		opts.Now = time.Now()
	}
	l := &loader{fsys: fsys, opts: opts, md: markdown.New(), pages: map[string]map[string]bool{}}
	cat := l.load()
	if len(l.problems) > 0 {
		return nil, l.problems.sorted()
	}
	return cat, nil
}

type loader struct {
	fsys     fs.FS
	opts     Options
	md       *markdown.Renderer
	problems Problems

	cat   *Catalog
	links []pendingLink              // internal links, checked once every page is known
	pages map[string]map[string]bool // page path → the #fragments it has
}

// pendingLink is an internal Markdown link waiting to be checked.
type pendingLink struct {
	file string
	line int
	dest string
}

// criterionDraft and articleDraft hold a decoded file until references can be resolved.
type criterionDraft struct {
	slug string
	doc  *yamlDoc
	raw  criterionFile
	c    *Criterion
}

type articleDraft struct {
	slug string
	doc  *yamlDoc
	raw  articleFrontMatter
	body []byte
	line int // line of the body's first line in the file
	a    *Article
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
	var criteria []*criterionDraft
	for _, f := range files["criteria"] {
		if d := l.decodeCriterion(f); d != nil {
			criteria = append(criteria, d)
		}
	}
	var articles []*articleDraft
	for _, f := range files["articles"] {
		if d := l.decodeArticle(f); d != nil {
			articles = append(articles, d)
		}
	}
	// Every page is known now, so references between criteria and articles can resolve.
	for _, d := range criteria {
		l.buildCriterion(d, groups)
	}
	for _, d := range articles {
		l.buildArticle(d)
	}
	l.relate(criteria, articles)
	l.order(criteria, articles)
	l.checkLinks()
	return l.cat
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

// read returns a file's bytes, or nil after reporting why it cannot be used.
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
	return bytes.TrimPrefix(b, []byte("\uFEFF"))
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

func (l *loader) loadComparison() map[string]*Group {
	const p = "comparison.yaml"
	groups := map[string]*Group{}
	if _, err := fs.Stat(l.fsys, p); err != nil {
		l.addf(p, 0, "missing; every content folder needs comparison.yaml with the title, subjects and groups")
		return groups
	}
	src := l.read(p)
	if src == nil {
		return groups
	}
	var raw comparisonFile
	doc, ok := decodeYAML(p, 0, src, &raw, &l.problems)
	if !ok {
		return groups
	}
	l.cat.Title = required(doc, "$.title", "title", raw.Title)
	l.cat.Description = required(doc, "$.description", "description", raw.Description)
	if len(raw.Subjects) < 2 {
		doc.add("$.subjects", fmt.Sprintf("subjects: need at least 2 to compare, found %d", len(raw.Subjects)))
	}
	for i, s := range raw.Subjects {
		at := fmt.Sprintf("$.subjects[%d]", i)
		subject := &Subject{
			ID:             l.slug(doc, at+".id", "id", s.ID),
			Name:           required(doc, at+".name", "name", s.Name),
			Description:    required(doc, at+".description", "description", s.Description),
			Kind:           oneOf(doc, at+".kind", "kind", s.Kind, subjectKinds),
			Language:       required(doc, at+".language", "language", s.Language),
			License:        required(doc, at+".license", "license", s.License),
			FirstRelease:   date(doc, at+".first_release", "first_release", s.FirstRelease, true),
			Homepage:       webURL(doc, at+".homepage", "homepage", s.Homepage, true),
			CurrentVersion: s.CurrentVersion,
			LTSVersion:     s.LTSVersion,
		}
		if subject.ID == "" {
			continue
		}
		if subject.ID == string(VerdictTie) || subject.ID == string(VerdictDepends) {
			doc.add(at+".id", fmt.Sprintf("subject id %q is reserved for verdicts", subject.ID))
			continue
		}
		if _, dup := l.cat.subjects[subject.ID]; dup {
			doc.add(at+".id", fmt.Sprintf("duplicate subject id %q", subject.ID))
			continue
		}
		l.cat.subjects[subject.ID] = subject
		l.cat.Subjects = append(l.cat.Subjects, subject)
	}
	if len(raw.Groups) == 0 {
		doc.add("$.groups", "groups: need at least one group")
	}
	for i, g := range raw.Groups {
		at := fmt.Sprintf("$.groups[%d]", i)
		group := &Group{
			ID:          l.slug(doc, at+".id", "id", g.ID),
			Title:       required(doc, at+".title", "title", g.Title),
			Description: g.Description,
		}
		if group.ID == "" {
			continue
		}
		if _, dup := groups[group.ID]; dup {
			doc.add(at+".id", fmt.Sprintf("duplicate group id %q", group.ID))
			continue
		}
		groups[group.ID] = group
		l.cat.Groups = append(l.cat.Groups, group)
	}
	return groups
}

func (l *loader) loadSources(p string) {
	src := l.read(p)
	if src == nil {
		return
	}
	var raw []sourceYAML
	doc, ok := decodeYAML(p, 0, src, &raw, &l.problems)
	if !ok {
		return
	}
	for i, s := range raw {
		at := fmt.Sprintf("$[%d]", i)
		source := &Source{
			ID:        l.slug(doc, at+".id", "id", s.ID),
			Title:     required(doc, at+".title", "title", s.Title),
			Publisher: required(doc, at+".publisher", "publisher", s.Publisher),
			URL:       webURL(doc, at+".url", "url", s.URL, false),
			Date:      partialDate(doc, at+".date", "date", s.Date),
			Kind:      oneOf(doc, at+".kind", "kind", s.Kind, sourceKinds),
		}
		if source.ID == "" {
			continue
		}
		if _, dup := l.cat.sources[source.ID]; dup {
			doc.add(at+".id", fmt.Sprintf("duplicate source id %q (ids are unique across sources/*.yaml)", source.ID))
			continue
		}
		l.cat.sources[source.ID] = source
		l.cat.Sources = append(l.cat.Sources, source)
	}
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

func (l *loader) decodeCriterion(p string) *criterionDraft {
	slug, ok := l.fileSlug(p)
	src := l.read(p)
	if !ok || src == nil {
		return nil
	}
	// The page exists even if its file is broken, so links to it are not reported too.
	l.pages["/criteria/"+slug] = map[string]bool{"verdict": true, "claims": true, "sources": true}
	d := &criterionDraft{slug: slug}
	d.doc, ok = decodeYAML(p, 0, src, &d.raw, &l.problems)
	if !ok {
		return nil
	}
	d.c = &Criterion{Slug: slug, order: d.raw.Order}
	return d
}

func (l *loader) decodeArticle(p string) *articleDraft {
	slug, ok := l.fileSlug(p)
	src := l.read(p)
	if !ok || src == nil {
		return nil
	}
	l.pages["/articles/"+slug] = map[string]bool{}
	front, body, bodyLine, err := splitFrontMatter(src)
	if err != "" {
		l.addf(p, 1, "%s", err)
		return nil
	}
	d := &articleDraft{slug: slug, body: body, line: bodyLine}
	d.doc, ok = decodeYAML(p, 1, front, &d.raw, &l.problems)
	if !ok {
		return nil
	}
	d.a = &Article{Slug: slug}
	return d
}

// splitFrontMatter separates "---\nYAML\n---\nMarkdown". bodyLine is the file line on
// which the Markdown starts.
func splitFrontMatter(src []byte) (front, body []byte, bodyLine int, problem string) {
	src = bytes.ReplaceAll(src, []byte("\r\n"), []byte("\n"))
	if !bytes.HasPrefix(src, []byte("---\n")) {
		return nil, nil, 0, `missing front matter: an article starts with a line "---", then YAML fields, then "---"`
	}
	rest := src[len("---\n"):]
	end := bytes.Index(rest, []byte("\n---\n"))
	switch {
	case bytes.HasPrefix(rest, []byte("---\n")):
		end = -1 // empty front matter
		front, body = nil, rest[len("---\n"):]
	case end >= 0:
		front, body = rest[:end+1], rest[end+len("\n---\n"):]
	case bytes.HasSuffix(rest, []byte("\n---")):
		front, body = rest[:len(rest)-len("---")], nil
	default:
		return nil, nil, 0, `front matter is not closed: add a line "---" after its last field`
	}
	bodyLine = 2 + bytes.Count(front, []byte("\n")) + 1
	return front, body, bodyLine, ""
}

// renderField renders the Markdown at a YAML path, locating its links in the file.
func (l *loader) renderField(doc *yamlDoc, at, src string) (HTML, []string) {
	line, _ := doc.pos(at)
	if line > 0 {
		line++ // block scalars ("|") start on the line after their key
	}
	md, err := l.md.Render([]byte(src))
	if err != nil {
		doc.add(at, fmt.Sprintf("cannot render Markdown: %v", err))
		return "", nil
	}
	for _, link := range md.Links {
		if strings.HasPrefix(link.Dest, "/") {
			l.links = append(l.links, pendingLink{file: doc.path, line: line + link.Line - 1, dest: link.Dest})
		}
	}
	return HTML(md.HTML), md.IDs
}

func (l *loader) buildCriterion(d *criterionDraft, groups map[string]*Group) {
	doc, raw, c := d.doc, d.raw, d.c
	c.Title = required(doc, "$.title", "title", raw.Title)
	c.Question = required(doc, "$.question", "question", raw.Question)
	if raw.Group == "" {
		doc.add("$.group", `missing required field "group"`)
	} else if g, ok := groups[raw.Group]; ok {
		c.Group = g
	} else {
		doc.add("$.group", fmt.Sprintf("unknown group %q; known: %s", raw.Group, strings.Join(groupIDs(l.cat.Groups), ", ")))
	}
	anchors := l.pages["/criteria/"+c.Slug]
	if len(raw.Ratings) == 0 {
		doc.add("$.ratings", `missing required field "ratings"`)
	}
	for _, id := range sortedKeys(raw.Ratings) {
		if _, ok := l.cat.subjects[id]; !ok {
			doc.add("$.ratings."+id, fmt.Sprintf("unknown subject %q; known: %s", id, strings.Join(l.subjectIDs(), ", ")))
		}
	}
	for _, s := range l.cat.Subjects {
		r, ok := raw.Ratings[s.ID]
		if !ok {
			if len(raw.Ratings) > 0 {
				doc.add("$.ratings", fmt.Sprintf("missing rating for subject %q", s.ID))
			}
			continue
		}
		at := "$.ratings." + s.ID
		if r.Rating < 1 || r.Rating > MaxScore {
			if r.Rating == 0 {
				doc.add(at, `missing required field "rating" (1–5)`)
			} else {
				doc.add(at+".rating", fmt.Sprintf("rating %d is out of range; use 1 to %d", r.Rating, MaxScore))
			}
		}
		required(doc, at+".summary", "summary", r.Summary)
		required(doc, at+".body", "body", r.Body)
		body, ids := l.renderField(doc, at+".body", r.Body)
		for _, id := range ids {
			anchors[id] = true
		}
		anchors[s.ID] = true
		c.Ratings = append(c.Ratings, Rating{Subject: s, Score: r.Rating, Summary: strings.TrimSpace(r.Summary), Assumes: r.Assumes, Body: body})
	}
	switch w := raw.Verdict.Winner; {
	case w == "":
		doc.add("$.verdict", `missing required field "winner" (a subject id, tie or depends)`)
	case w == string(VerdictTie) || w == string(VerdictDepends):
		c.Verdict.Kind = VerdictKind(w)
	default:
		if s, ok := l.cat.subjects[w]; ok {
			c.Verdict = Verdict{Kind: VerdictWinner, Winner: s}
		} else {
			doc.add("$.verdict.winner", fmt.Sprintf("unknown verdict %q; use a subject id (%s), tie or depends", w, strings.Join(l.subjectIDs(), ", ")))
		}
	}
	if required(doc, "$.verdict.rationale", "rationale", raw.Verdict.Rationale) != "" {
		c.Verdict.Rationale, _ = l.renderField(doc, "$.verdict.rationale", raw.Verdict.Rationale)
	}
	for i, cl := range raw.Claims {
		at := fmt.Sprintf("$.claims[%d]", i)
		claim := Claim{
			Source:    l.source(doc, at+".source", cl.Source),
			Text:      required(doc, at+".claim", "claim", cl.Claim),
			Judgement: Judgement(oneOf(doc, at+".judgement", "judgement", cl.Judgement, judgementStrings())),
		}
		if required(doc, at+".evidence", "evidence", cl.Evidence) != "" {
			claim.Evidence, _ = l.renderField(doc, at+".evidence", cl.Evidence)
		}
		if len(cl.EvidenceSources) == 0 {
			doc.add(at, `missing required field "evidence_sources" (the source ids that back the judgement)`)
		}
		for j, id := range cl.EvidenceSources {
			if s := l.source(doc, fmt.Sprintf("%s.evidence_sources[%d]", at, j), id); s != nil {
				claim.EvidenceSources = append(claim.EvidenceSources, s)
			}
		}
		c.Claims = append(c.Claims, claim)
	}
	if len(raw.Sources) == 0 && !raw.Draft {
		doc.add("$.sources", `missing required field "sources" (every source this page relies on)`)
	}
	if !raw.Draft {
		l.checkNoTODO(doc, raw)
	}
	for i, id := range raw.Sources {
		if s := l.source(doc, fmt.Sprintf("$.sources[%d]", i), id); s != nil && !slices.Contains(c.Sources, s) {
			c.Sources = append(c.Sources, s)
		}
	}
	// Sources cited by claims are listed on the page too, so nothing cited goes unlisted.
	for _, cl := range c.Claims {
		for _, s := range append([]*Source{cl.Source}, cl.EvidenceSources...) {
			if s != nil && !slices.Contains(c.Sources, s) {
				c.Sources = append(c.Sources, s)
			}
		}
	}
	for i, slug := range raw.Articles {
		if _, ok := l.pages["/articles/"+slug]; !ok {
			doc.add(fmt.Sprintf("$.articles[%d]", i), fmt.Sprintf("unknown article %q%s", slug, didYouMean(slug, l.pageSlugs("/articles/"))))
		}
	}
}

func (l *loader) buildArticle(d *articleDraft) {
	doc, raw, a := d.doc, d.raw, d.a
	a.Title = required(doc, "$.title", "title", raw.Title)
	a.Summary = required(doc, "$.summary", "summary", raw.Summary)
	a.Published = date(doc, "$.published", "published", raw.Published, true)
	a.Updated = date(doc, "$.updated", "updated", raw.Updated, false)
	if !a.Updated.IsZero() && a.Updated.Before(a.Published) {
		doc.add("$.updated", "updated is before published")
	}
	for i, slug := range raw.Criteria {
		if _, ok := l.pages["/criteria/"+slug]; !ok {
			doc.add(fmt.Sprintf("$.criteria[%d]", i), fmt.Sprintf("unknown criterion %q%s", slug, didYouMean(slug, l.pageSlugs("/criteria/"))))
		}
	}
	if !raw.Draft {
		for at, text := range map[string]string{"$.title": raw.Title, "$.summary": raw.Summary} {
			if isTODO(text) {
				doc.add(at, "TODO left in a published article; finish it or mark it draft: true")
			}
		}
		if isTODO(string(d.body)) {
			l.addf(doc.path, d.line, "TODO left in a published article; finish it or mark it draft: true")
		}
	}
	if len(bytes.TrimSpace(d.body)) == 0 {
		l.addf(doc.path, d.line, "empty article body; write the article below the front matter")
		return
	}
	md, err := l.md.Render(d.body)
	if err != nil {
		l.addf(doc.path, d.line, "cannot render Markdown: %v", err)
		return
	}
	for _, link := range md.Links {
		if strings.HasPrefix(link.Dest, "/") || strings.HasPrefix(link.Dest, "#") {
			dest := link.Dest
			if strings.HasPrefix(dest, "#") {
				dest = "/articles/" + a.Slug + dest
			}
			l.links = append(l.links, pendingLink{file: doc.path, line: d.line + link.Line - 1, dest: dest})
		}
	}
	for _, id := range md.IDs {
		l.pages["/articles/"+a.Slug][id] = true
	}
	a.Body = HTML(md.HTML)
}

// visible reports whether a page is shown under the load's options.
func (l *loader) visible(draft bool, published time.Time) bool {
	if l.opts.Drafts {
		return true
	}
	return !draft && !published.After(l.opts.Now)
}

// relate links criteria and articles both ways, keeping only visible pages.
func (l *loader) relate(criteria []*criterionDraft, articles []*articleDraft) {
	for _, d := range criteria {
		if l.visible(d.raw.Draft, time.Time{}) {
			l.cat.criteria[d.slug] = d.c
		}
	}
	for _, d := range articles {
		if l.visible(d.raw.Draft, d.a.Published) {
			l.cat.articles[d.slug] = d.a
		}
	}
	link := func(c *Criterion, a *Article) {
		if !slices.Contains(c.Articles, a) {
			c.Articles = append(c.Articles, a)
		}
		if !slices.Contains(a.Criteria, c) {
			a.Criteria = append(a.Criteria, c)
		}
	}
	for _, d := range criteria {
		for _, slug := range d.raw.Articles {
			c, okc := l.cat.criteria[d.slug]
			a, oka := l.cat.articles[slug]
			if okc && oka {
				link(c, a)
			}
		}
	}
	for _, d := range articles {
		for _, slug := range d.raw.Criteria {
			c, okc := l.cat.criteria[slug]
			a, oka := l.cat.articles[d.slug]
			if okc && oka {
				link(c, a)
			}
		}
	}
}

// order puts criteria in display order (group, then order, then title) and articles
// newest first, and links each criterion to its neighbours.
func (l *loader) order(criteria []*criterionDraft, articles []*articleDraft) {
	groupIndex := map[*Group]int{}
	for i, g := range l.cat.Groups {
		groupIndex[g] = i
	}
	for _, d := range criteria {
		if c, ok := l.cat.criteria[d.slug]; ok && c.Group != nil {
			l.cat.Criteria = append(l.cat.Criteria, c)
		}
	}
	sort.SliceStable(l.cat.Criteria, func(i, j int) bool {
		a, b := l.cat.Criteria[i], l.cat.Criteria[j]
		if groupIndex[a.Group] != groupIndex[b.Group] {
			return groupIndex[a.Group] < groupIndex[b.Group]
		}
		if a.order != b.order {
			return a.order < b.order
		}
		return a.Title < b.Title
	})
	for i, c := range l.cat.Criteria {
		c.Group.Criteria = append(c.Group.Criteria, c)
		if i > 0 {
			c.Prev = l.cat.Criteria[i-1]
			l.cat.Criteria[i-1].Next = c
		}
	}
	for _, d := range articles {
		if a, ok := l.cat.articles[d.slug]; ok {
			l.cat.Articles = append(l.cat.Articles, a)
		}
	}
	sort.SliceStable(l.cat.Articles, func(i, j int) bool {
		a, b := l.cat.Articles[i], l.cat.Articles[j]
		if !a.Published.Equal(b.Published) {
			return a.Published.After(b.Published)
		}
		return a.Title < b.Title
	})
	byArticleDate := func(a, b *Article) int { return b.Published.Compare(a.Published) }
	for _, c := range l.cat.Criteria {
		slices.SortStableFunc(c.Articles, byArticleDate)
	}
}

// checkLinks reports internal Markdown links to pages or #fragments that do not exist.
func (l *loader) checkLinks() {
	for _, p := range []string{"/", "/criteria", "/articles", "/compare"} {
		if l.pages[p] == nil {
			l.pages[p] = map[string]bool{}
		}
	}
	for _, link := range l.links {
		u, err := url.Parse(link.dest)
		if err != nil {
			l.addf(link.file, link.line, "malformed link %q", link.dest)
			continue
		}
		p := strings.TrimSuffix(u.Path, "/")
		if p == "" {
			p = "/"
		}
		if strings.HasPrefix(p, "/static/") {
			continue // assets are checked by the server, which owns them
		}
		anchors, ok := l.pages[p]
		if !ok {
			hint := ""
			for _, prefix := range []string{"/criteria/", "/articles/"} {
				if slug, ok := strings.CutPrefix(p, prefix); ok {
					if h := didYouMean(slug, l.pageSlugs(prefix)); h != "" {
						hint = strings.Replace(h, `"`, `"`+prefix, 1)
					}
				}
			}
			l.addf(link.file, link.line, "link to unknown page %q%s", link.dest, hint)
			continue
		}
		if u.Fragment != "" && !anchors[u.Fragment] {
			l.addf(link.file, link.line, "link to unknown anchor %q on %s", "#"+u.Fragment, p)
		}
	}
}

// checkNoTODO reports scaffolding text that was never replaced in a published criterion.
func (l *loader) checkNoTODO(doc *yamlDoc, raw criterionFile) {
	fields := map[string]string{"$.title": raw.Title, "$.question": raw.Question, "$.verdict.rationale": raw.Verdict.Rationale}
	for id, r := range raw.Ratings {
		fields["$.ratings."+id+".summary"] = r.Summary
		fields["$.ratings."+id+".body"] = r.Body
	}
	for _, at := range sortedKeys(fields) {
		if isTODO(fields[at]) {
			doc.add(at, "TODO left in a published criterion; finish it or mark it draft: true")
		}
	}
}

func isTODO(text string) bool { return strings.HasPrefix(strings.TrimSpace(text), "TODO") }

func (l *loader) source(doc *yamlDoc, at, id string) *Source {
	if id == "" {
		doc.add(at, "missing source id")
		return nil
	}
	if s, ok := l.cat.sources[id]; ok {
		return s
	}
	if hint := didYouMean(id, l.sourceIDs()); hint != "" {
		doc.add(at, fmt.Sprintf("unknown source %q%s", id, hint))
		return nil
	}
	doc.add(at, fmt.Sprintf("unknown source %q; add it to a file in sources/", id))
	return nil
}

func (l *loader) subjectIDs() []string {
	ids := make([]string, len(l.cat.Subjects))
	for i, s := range l.cat.Subjects {
		ids[i] = s.ID
	}
	return ids
}

func (l *loader) slug(doc *yamlDoc, at, field, value string) string {
	if required(doc, at, field, value) == "" {
		return ""
	}
	if !slugPattern.MatchString(value) {
		doc.add(at, fmt.Sprintf("%s %q is not a valid slug: use lower-case letters, digits and single hyphens", field, value))
		return ""
	}
	return value
}

func groupIDs(groups []*Group) []string {
	ids := make([]string, len(groups))
	for i, g := range groups {
		ids[i] = g.ID
	}
	return ids
}

func judgementStrings() []string {
	s := make([]string, len(judgements))
	for i, j := range judgements {
		s[i] = string(j)
	}
	return s
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// required reports a missing or blank field and returns the value trimmed.
func required(doc *yamlDoc, at, field, value string) string {
	value = strings.TrimSpace(value)
	if value == "" {
		doc.add(at, fmt.Sprintf("missing required field %q", field))
	}
	return value
}

func oneOf(doc *yamlDoc, at, field, value string, allowed []string) string {
	if required(doc, at, field, value) == "" {
		return ""
	}
	if !slices.Contains(allowed, value) {
		doc.add(at, fmt.Sprintf("%s %q is not one of: %s", field, value, strings.Join(allowed, ", ")))
		return ""
	}
	return value
}

func date(doc *yamlDoc, at, field, value string, isRequired bool) time.Time {
	if value == "" && !isRequired {
		return time.Time{}
	}
	if required(doc, at, field, value) == "" {
		return time.Time{}
	}
	t, err := time.Parse(dateLayout, value)
	if err != nil {
		doc.add(at, fmt.Sprintf("%s %q is not a date; use YYYY-MM-DD", field, value))
	}
	return t
}

// partialDate reads a source's date, which may be known only to the month or the year.
func partialDate(doc *yamlDoc, at, field, value string) Date {
	if required(doc, at, field, value) == "" {
		return Date{}
	}
	for _, f := range []struct {
		layout    string
		precision DatePrecision
	}{{dateLayout, Day}, {"2006-01", Month}, {"2006", Year}} {
		if t, err := time.Parse(f.layout, value); err == nil {
			return Date{Time: t, Precision: f.precision}
		}
	}
	doc.add(at, fmt.Sprintf("%s %q is not a date; use YYYY-MM-DD, or YYYY-MM or YYYY when only that is known", field, value))
	return Date{}
}

func webURL(doc *yamlDoc, at, field, value string, isRequired bool) string {
	if value == "" && !isRequired {
		return ""
	}
	if required(doc, at, field, value) == "" {
		return ""
	}
	u, err := url.Parse(value)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		doc.add(at, fmt.Sprintf("%s %q is not an http(s) URL", field, value))
		return ""
	}
	return value
}
