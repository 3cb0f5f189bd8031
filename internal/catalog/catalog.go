// Package catalog loads a comparison's content folder into an immutable, validated,
// pre-rendered catalog. Requests only read from it; nothing here runs per request.
//
// The content format is documented in AUTHORING.md at the repository root.
package catalog

import (
	"strconv"
	"time"
)

// HTML is Markdown that was rendered at load. It is trusted: raw HTML in the source was
// escaped, so it may be written to pages unescaped.
type HTML string

// Catalog is one comparison: its subjects, criteria grouped for display, articles and
// sources. It is never modified after Load returns it.
type Catalog struct {
	Title       string
	Description string
	Subjects    []*Subject
	Groups      []*Group     // in display order; each holds its criteria in order
	Criteria    []*Criterion // every criterion, in display order (group by group)
	Articles    []*Article   // newest first
	Sources     []*Source    // in file order

	subjects map[string]*Subject
	criteria map[string]*Criterion
	articles map[string]*Article
	sources  map[string]*Source
}

// Subject is one of the things compared, such as Node.js or Django.
type Subject struct {
	ID             string
	Name           string
	Description    string
	Kind           string
	Language       string
	License        string
	FirstRelease   time.Time
	Homepage       string
	CurrentVersion string
	LTSVersion     string
}

// Group gathers related criteria.
type Group struct {
	ID          string
	Title       string
	Description string
	Criteria    []*Criterion
}

// Source is a document that a criterion or claim relies on.
type Source struct {
	ID        string
	Title     string
	Publisher string
	URL       string
	Date      Date
	Kind      string
}

// Date is a calendar date known to the day, the month or only the year. How it is
// written for readers is the web package's business.
type Date struct {
	time.Time
	Precision DatePrecision
}

// DatePrecision says how much of a Date is known.
type DatePrecision int

const (
	Day DatePrecision = iota
	Month
	Year
)

// Criterion is one question the subjects are compared on.
type Criterion struct {
	Slug     string
	Title    string
	Group    *Group
	Question string
	Ratings  []Rating // one per subject, in subject order
	Verdict  Verdict
	Claims   []Claim
	Sources  []*Source
	Articles []*Article
	Prev     *Criterion // nil for the first criterion
	Next     *Criterion // nil for the last criterion
	Refs     Refs       // links and heading ids in its Markdown
	Reviewed time.Time  // the day it was last checked against its sources; zero only in a draft
	Changes  []Change   // its change log, newest first; empty only in a draft
	order    int
}

// Change is one entry of a criterion's change log: what changed on a day, and why.
type Change struct {
	Date    time.Time
	Summary string // plain text, one or two sentences
}

// Rating returns the criterion's rating of the subject with the given id.
func (c *Criterion) Rating(subjectID string) (Rating, bool) {
	for _, r := range c.Ratings {
		if r.Subject.ID == subjectID {
			return r, true
		}
	}
	return Rating{}, false
}

// Rating is how one subject fares on one criterion.
type Rating struct {
	Subject *Subject
	Score   int // 1–5
	Summary string
	Assumes string // the stack this column assumes, if any
	Body    HTML
}

// MaxScore is the highest rating a subject can get.
const MaxScore = 5

// VerdictKind says whether a criterion has a winner.
type VerdictKind string

const (
	VerdictWinner  VerdictKind = "winner"
	VerdictTie     VerdictKind = "tie"
	VerdictDepends VerdictKind = "depends"
)

// Verdict is a criterion's conclusion.
type Verdict struct {
	Kind      VerdictKind
	Winner    *Subject // set only when Kind is VerdictWinner
	Rationale HTML
}

// Label is the verdict in a few words, for tables.
func (v Verdict) Label() string {
	switch v.Kind {
	case VerdictWinner:
		return v.Winner.Name
	case VerdictTie:
		return "Tie"
	default:
		return "It depends"
	}
}

// Judgement is how a source's claim stands up against the evidence.
type Judgement string

const (
	Holds       Judgement = "holds"
	PartlyHolds Judgement = "partly-holds"
	DoesNotHold Judgement = "does-not-hold"
	Disputed    Judgement = "disputed" // the primary evidence itself is split, not merely the sources
)

var judgementLabels = map[Judgement]string{
	Holds:       "Holds",
	PartlyHolds: "Partly holds",
	DoesNotHold: "Does not hold",
	Disputed:    "Evidence is split",
}

// Label is the judgement as readers see it.
func (j Judgement) Label() string { return judgementLabels[j] }

// Claim is something a source asserts on a criterion's topic, judged against evidence.
// Each passage of a source is judged once, on the criterion it belongs to; other criteria
// that touch it list it as a reference, with JudgedOn set and the judged claim's text and
// judgement, but no evidence of their own.
type Claim struct {
	Source          *Source
	Passage         Passage
	Text            string
	Judgement       Judgement
	Evidence        HTML       // empty in a reference
	EvidenceSources []*Source  // empty in a reference
	JudgedOn        *Criterion // the criterion that judges the claim; nil when judged here
}

// Passage is where in its source a claim is made: a line of the source's text (one
// paragraph) and, when the paragraph makes several claims, which sentence of it.
type Passage struct {
	Line     int // 1-based
	Sentence int // 1-based; 0 for the whole paragraph
}

// String is the passage as authors write it: "49", or "49.2" for the second sentence.
func (p Passage) String() string {
	if p.Sentence == 0 {
		return strconv.Itoa(p.Line)
	}
	return strconv.Itoa(p.Line) + "." + strconv.Itoa(p.Sentence)
}

// overlaps reports whether two passages of one source share text: they are the same,
// or one is a whole paragraph and the other a sentence of it.
func (p Passage) overlaps(q Passage) bool {
	return p.Line == q.Line && (p.Sentence == q.Sentence || p.Sentence == 0 || q.Sentence == 0)
}

// Article is a long-form page about the comparison.
type Article struct {
	Slug      string
	Title     string
	Summary   string
	Published time.Time
	Updated   time.Time // zero when never updated
	Criteria  []*Criterion
	Body      HTML
	Refs      Refs // links and heading ids in its body
}

// Subject returns the subject with the given id.
func (c *Catalog) Subject(id string) (*Subject, bool) { s, ok := c.subjects[id]; return s, ok }

// Criterion returns the criterion with the given slug.
func (c *Catalog) Criterion(slug string) (*Criterion, bool) { x, ok := c.criteria[slug]; return x, ok }

// Article returns the article with the given slug.
func (c *Catalog) Article(slug string) (*Article, bool) { a, ok := c.articles[slug]; return a, ok }

// Source returns the source with the given id.
func (c *Catalog) Source(id string) (*Source, bool) { s, ok := c.sources[id]; return s, ok }

// Modified is when the content last changed: its newest article, article update or
// criterion change.
func (c *Catalog) Modified() time.Time {
	var newest time.Time
	for _, a := range c.Articles {
		newest = latest(newest, a.Modified())
	}
	for _, x := range c.Criteria {
		newest = latest(newest, x.Modified())
	}
	return newest
}

func latest(times ...time.Time) time.Time {
	var newest time.Time
	for _, t := range times {
		if t.After(newest) {
			newest = t
		}
	}
	return newest
}

// Modified is when the article last changed.
func (a *Article) Modified() time.Time { return latest(a.Published, a.Updated) }

// Modified is when the criterion last changed: its newest change, or when it was last
// reviewed if it has no change log (a draft).
func (c *Criterion) Modified() time.Time {
	if len(c.Changes) > 0 {
		return c.Changes[0].Date
	}
	return c.Reviewed
}
