package catalog

import (
	"errors"
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/versus-web/versus/internal/fixture"
)

// knownFences are the fence languages that are highlighted (markdown.Languages).
const knownFences = "bash, bash-session, css, diff, docker, go, go-template, html, ini, js, json, nginx, python, sql, text, toml, ts, xml, yaml"

var testNow = time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC)

func loadSample(t *testing.T) *Catalog {
	t.Helper()
	cat, err := Load(fixture.Sample(), Options{Now: testNow})
	if err != nil {
		t.Fatalf("Load(sample): %v", err)
	}
	return cat
}

func TestLoadSample(t *testing.T) {
	cat := loadSample(t)
	if cat.Title != "Node.js vs Django" || len(cat.Subjects) != 2 {
		t.Fatalf("title %q, %d subjects", cat.Title, len(cat.Subjects))
	}
	var slugs []string
	for _, c := range cat.Criteria {
		slugs = append(slugs, c.Slug)
	}
	if got := strings.Join(slugs, ","); got != "architecture,performance,security,auth" {
		t.Errorf("criteria order = %s", got)
	}
	if n := len(cat.Groups[0].Criteria); n != 2 {
		t.Errorf("group %s has %d criteria, want 2", cat.Groups[0].ID, n)
	}
	sec, ok := cat.Criterion("security")
	if !ok {
		t.Fatal("no criterion security")
	}
	if sec.Verdict.Kind != VerdictWinner || sec.Verdict.Winner.ID != "django" || sec.Verdict.Label() != "Django" {
		t.Errorf("security verdict = %+v", sec.Verdict)
	}
	if sec.Prev == nil || sec.Prev.Slug != "performance" || sec.Next == nil || sec.Next.Slug != "auth" {
		t.Errorf("security prev/next wrong")
	}
	dj, _ := sec.Rating("django")
	if dj.Score != 5 || !strings.Contains(string(dj.Body), `<h2 id="django-defaults">`) {
		t.Errorf("django rating = %+v", dj)
	}
	if len(sec.Articles) != 1 || sec.Articles[0].Slug != "security-basics" {
		t.Errorf("security articles = %v", sec.Articles)
	}
	// Related pages are linked both ways: the criterion names the article, the article
	// names the criterion, and either side shows the other.
	arch, _ := cat.Criterion("architecture")
	if len(arch.Articles) != 1 || arch.Articles[0].Slug != "overview" {
		t.Errorf("architecture articles = %v", arch.Articles)
	}
	perf, _ := cat.Criterion("performance")
	if len(perf.Claims) != 1 || perf.Claims[0].Judgement.Label() != "Does not hold" || perf.Claims[0].Source.ID != "seed-2021" {
		t.Errorf("performance claims = %+v", perf.Claims)
	}
	// Sources cited by claims are listed with the criterion's own.
	if len(perf.Sources) != 2 {
		t.Errorf("performance sources = %d, want 2 (listed + claim source)", len(perf.Sources))
	}
	if seed, _ := cat.Source("seed-2021"); seed.Date.Precision != Year || seed.Date.Year() != 2021 {
		t.Errorf("year-only source date = %+v", seed.Date)
	}
	if docs, _ := cat.Source("django-security-docs"); docs.Date.Precision != Day || docs.Date.Format("2006-01-02") != "2026-11-23" {
		t.Errorf("full source date = %+v", docs.Date)
	}
	if cat.Articles[0].Slug != "security-basics" || cat.Articles[1].Slug != "overview" {
		t.Errorf("articles not newest first: %s, %s", cat.Articles[0].Slug, cat.Articles[1].Slug)
	}
}

func TestLoadDraftsAndScheduling(t *testing.T) {
	fsys := fixture.SampleMap(t)
	fsys["criteria/auth.yaml"].Data = append([]byte("draft: true\n"), fsys["criteria/auth.yaml"].Data...)
	fsys["articles/overview.md"].Data = []byte(strings.Replace(string(fsys["articles/overview.md"].Data), "2026-11-20", "2027-01-01", 1))

	cat, err := Load(fsys, Options{Now: testNow})
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := cat.Criterion("auth"); ok {
		t.Error("draft criterion is visible")
	}
	if _, ok := cat.Article("overview"); ok {
		t.Error("future article is visible")
	}
	sec, _ := cat.Criterion("security")
	if sec.Next != nil {
		t.Error("hidden criterion is still linked as next")
	}

	cat, err = Load(fsys, Options{Now: testNow, Drafts: true})
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := cat.Criterion("auth"); !ok {
		t.Error("draft criterion hidden with Drafts")
	}
	if _, ok := cat.Article("overview"); !ok {
		t.Error("future article hidden with Drafts")
	}
}

func TestLoadChangeLog(t *testing.T) {
	day := func(s string) time.Time { d, _ := time.Parse("2006-01-02", s); return d }
	sec, _ := loadSample(t).Criterion("security")
	want := []Change{
		{day("2026-11-23"), "Django's rating rose from 4 to 5 once its CSRF defaults were checked."},
		{day("2026-11-20"), "First published."},
	}
	if !sec.Reviewed.Equal(day("2026-11-23")) || !slices.Equal(sec.Changes, want) {
		t.Errorf("security reviewed %v, changes %+v", sec.Reviewed, sec.Changes)
	}

	// Changes of one day may come in any order; a summary's line breaks are spaces.
	fsys := fixture.SampleMap(t)
	fsys["criteria/security.yaml"].Data = []byte(strings.NewReplacer(
		"  - date: 2026-11-20", "  - date: 2026-11-23",
		"summary: First published.", "summary: |\n      First\n      published.",
	).Replace(string(fsys["criteria/security.yaml"].Data)))
	// A draft may have neither a review date nor a change log yet.
	auth := string(fsys["criteria/auth.yaml"].Data)
	auth, _, _ = strings.Cut(auth, "reviewed:")
	fsys["criteria/auth.yaml"].Data = []byte("draft: true\n" + auth)
	cat, err := Load(fsys, Options{Now: testNow, Drafts: true})
	if err != nil {
		t.Fatal(err)
	}
	sec, _ = cat.Criterion("security")
	if len(sec.Changes) != 2 || sec.Changes[1].Summary != "First published." {
		t.Errorf("same-day changes = %+v", sec.Changes)
	}
	if a, _ := cat.Criterion("auth"); !a.Reviewed.IsZero() || a.Changes != nil {
		t.Errorf("draft auth: reviewed %v, changes %v", a.Reviewed, a.Changes)
	}
}

// TestLoadClaims: a claim judged on one page is listed on another as a reference, with
// the judged claim's text and judgement and no evidence of its own.
func TestLoadClaims(t *testing.T) {
	cat := loadSample(t)
	perf, _ := cat.Criterion("performance")
	arch, _ := cat.Criterion("architecture")
	judged := perf.Claims[0]
	if judged.Passage != (Passage{Line: 24, Sentence: 1}) || judged.Passage.String() != "24.1" || judged.JudgedOn != nil {
		t.Errorf("judged claim = %+v", judged)
	}
	if len(arch.Claims) != 1 {
		t.Fatalf("architecture claims = %+v", arch.Claims)
	}
	ref := arch.Claims[0]
	if ref.JudgedOn != perf || ref.Source != judged.Source || ref.Passage != judged.Passage ||
		ref.Text != judged.Text || ref.Judgement != judged.Judgement || ref.Evidence != "" || ref.EvidenceSources != nil {
		t.Errorf("reference = %+v, want the judgement of %+v on performance", ref, judged)
	}

	// YAML reads 24.10 as a number, 24.1; the passage is read as written. A whole
	// paragraph is a passage too.
	for written, want := range map[string]string{"24.10": "24.10", `"24.10"`: "24.10", "24": "24", "'7.3'": "7.3"} {
		fsys := fixture.SampleMap(t)
		for _, f := range []string{"criteria/performance.yaml", "criteria/architecture.yaml"} {
			fsys[f].Data = []byte(strings.Replace(string(fsys[f].Data), "passage: 24.1", "passage: "+written, 1))
		}
		cat, err := Load(fsys, Options{Now: testNow})
		if err != nil {
			t.Fatalf("passage %s: %v", written, err)
		}
		arch, _ := cat.Criterion("architecture")
		if got := arch.Claims[0].Passage.String(); got != want || arch.Claims[0].JudgedOn == nil {
			t.Errorf("passage %s = %s (judged on %v), want %s", written, got, arch.Claims[0].JudgedOn, want)
		}
	}
}

func TestLoadBrokenContent(t *testing.T) {
	replace := func(file, old, new string) func(fstest.MapFS) {
		return func(fsys fstest.MapFS) {
			s := string(fsys[file].Data)
			if !strings.Contains(s, old) {
				panic("fixture: " + file + " lacks " + old)
			}
			fsys[file].Data = []byte(strings.Replace(s, old, new, 1))
		}
	}
	write := func(file, data string) func(fstest.MapFS) {
		return func(fsys fstest.MapFS) { fsys[file] = &fstest.MapFile{Data: []byte(data)} }
	}
	// appendClaim adds a claim on a seed-2021 passage, judged as given, after a criterion's
	// last claim, or at its end if it has none: in security.yaml, source at line 30 and
	// passage at line 31.
	appendClaim := func(file, passage, judgement string) func(fstest.MapFS) {
		return func(fsys fstest.MapFS) {
			claim := "  - source: seed-2021\n    passage: " + passage + "\n    claim: Django is quicker.\n    judgement: " + judgement +
				"\n    evidence: |\n      Measured otherwise.\n    evidence_sources: [nodejs-event-loop]\n"
			s := string(fsys[file].Data)
			if head, tail, ok := strings.Cut(s, "\nsources:"); ok && strings.Contains(head, "\nclaims:\n") {
				s = head + "\n" + claim + "sources:" + tail
			} else {
				s += "claims:\n" + claim
			}
			fsys[file].Data = []byte(s)
		}
	}
	tests := []struct {
		name   string
		break_ func(fstest.MapFS)
		want   string // one expected problem line, exactly
		whole  bool   // want is the whole report: every problem, one per line
	}{
		{"rating out of range", replace("criteria/security.yaml", "rating: 5", "rating: 7"),
			"criteria/security.yaml:12:13: rating 7 is out of range; use 1 to 5", false},
		{"rating missing", replace("criteria/security.yaml", "    rating: 5\n", ""),
			`criteria/security.yaml:11:3: missing required field "rating" (1–5)`, false},
		{"rating not a number", replace("criteria/security.yaml", "rating: 5", "rating: five"),
			"criteria/security.yaml:12:13: expected a number, found text", false},
		{"unknown field", replace("criteria/security.yaml", "question:", "questoin:"),
			`criteria/security.yaml:4:1: unknown field "questoin"`, false},
		{"unknown subject", replace("criteria/security.yaml", "  django:", "  djnago:"),
			`criteria/security.yaml:11:3: unknown subject "djnago"; known: nodejs, django`, false},
		{"missing subject rating", replace("criteria/security.yaml", "  django:", "  djnago:"),
			`criteria/security.yaml:5:1: missing rating for subject "django"`, false},
		{"unknown verdict", replace("criteria/security.yaml", "winner: django", "winner: rails"),
			`criteria/security.yaml:19:11: unknown verdict "rails"; use a subject id (nodejs, django), tie or depends`, false},
		{"misspelt source", replace("criteria/security.yaml", "[django-security-docs]", "[django-securty-docs]"),
			`criteria/security.yaml:22:11: unknown source "django-securty-docs"; did you mean "django-security-docs"?`, false},
		{"unknown source", replace("criteria/security.yaml", "[django-security-docs]", "[django-docs]"),
			`criteria/security.yaml:22:11: unknown source "django-docs"; add it to a file in sources/`, false},
		{"unknown group", replace("criteria/security.yaml", "group: security", "group: safety"),
			`criteria/security.yaml:2:8: unknown group "safety"; known: architecture, security`, false},
		{"missing title", replace("criteria/security.yaml", "title: Security out of the box\n", ""),
			`criteria/security.yaml:1:1: missing required field "title"`, false},
		{"unknown related article", replace("criteria/architecture.yaml", "[overview]", "[overveiw]"),
			`criteria/architecture.yaml:22:12: unknown article "overveiw"; did you mean "overview"?`, false},
		{"unknown fence language in an article", replace("articles/overview.md", "## Decision guide\n", "## Decision guide\n\n```cobol\nDISPLAY 'HI'.\n```\n"),
			`articles/overview.md:12: fence language "cobol" is not highlighted; known: ` + knownFences, false},
		{"unknown fence language in a rating", replace("criteria/security.yaml", "      CSRF middleware", "      ```pyhton\n      x = 1\n      ```\n\n      CSRF middleware"),
			`criteria/security.yaml:17: fence language "pyhton" is not highlighted; known: ` + knownFences, false},
		{"bad judgement", replace("criteria/performance.yaml", "does-not-hold", "wrong"),
			`criteria/performance.yaml:24:16: judgement "wrong" is not one of: holds, partly-holds, does-not-hold, disputed`, false},
		{"claim without evidence sources", replace("criteria/performance.yaml", "    evidence_sources: [nodejs-event-loop]\n", ""),
			`criteria/performance.yaml:21:5: missing required field "evidence_sources" (the source ids that back the judgement)`, false},
		// Each passage of a source is judged once; other pages refer to the judgement
		// (performance.yaml judges seed-2021 passage 24.1 at line 22, architecture.yaml
		// refers to it at lines 28–30).
		{"passage missing", replace("criteria/performance.yaml", "    passage: 24.1\n", ""),
			`criteria/performance.yaml:21:5: missing required field "passage" (the line of the source that makes the claim, or LINE.SENTENCE)`, true},
		{"passage malformed", replace("criteria/performance.yaml", "passage: 24.1", "passage: 24.1.2"),
			`criteria/performance.yaml:22:14: passage "24.1.2" is not a place in the source; write its line, or LINE.SENTENCE for one sentence of it, such as 49 or 49.2`, false},
		{"passage sentence zero", replace("criteria/performance.yaml", "passage: 24.1", "passage: 24.0"),
			`criteria/performance.yaml:22:14: passage "24.0" is not a place in the source; write its line, or LINE.SENTENCE for one sentence of it, such as 49 or 49.2`, false},
		{"passage judged twice, same verdict", appendClaim("criteria/security.yaml", "24.1", "does-not-hold"),
			`criteria/security.yaml:31:14: seed-2021 passage 24.1 is already judged in criteria/performance.yaml:22; judge each passage once, on the page it belongs to, and refer to it with see: performance`, true},
		{"passage judged twice, different verdicts", appendClaim("criteria/security.yaml", "24.1", "holds"),
			`criteria/security.yaml:31:14: seed-2021 passage 24.1 is already judged in criteria/performance.yaml:22 as does-not-hold, and here as holds; judge each passage once, on the page it belongs to, and refer to it with see: performance`, true},
		{"whole paragraph judged after one of its sentences", appendClaim("criteria/security.yaml", "24", "does-not-hold"),
			`criteria/security.yaml:31:14: seed-2021 passage 24 overlaps passage 24.1, which is already judged in criteria/performance.yaml:22; judge each passage once, on the page it belongs to, and refer to it with see: performance`, true},
		{"passage judged twice on one page", appendClaim("criteria/performance.yaml", "24.1", "partly-holds"),
			`criteria/performance.yaml:29:14: seed-2021 passage 24.1 is already judged at line 22 of this page as does-not-hold, and here as partly-holds; judge each passage once, on the page it belongs to, and keep one of the two`, true},
		{"another sentence of a judged paragraph", appendClaim("criteria/security.yaml", "24.2", "holds"), "", true},
		{"see a misspelt criterion", replace("criteria/architecture.yaml", "see: performance", "see: perfomance"),
			`criteria/architecture.yaml:30:10: unknown criterion "perfomance"; did you mean "performance"?`, true},
		{"see a criterion that does not judge the passage", replace("criteria/architecture.yaml", "see: performance", "see: security"),
			`criteria/architecture.yaml:30:10: criteria/security.yaml has no claim on seed-2021 passage 24.1; judge it there, or name the criterion that does`, true},
		{"see a reference", write("criteria/auth.yaml", string(fixture.SampleMap(t)["criteria/auth.yaml"].Data)+"claims:\n  - source: seed-2021\n    passage: 24.1\n    see: architecture\n"),
			`criteria/auth.yaml:28:10: seed-2021 passage 24.1 is not judged on architecture: that page refers to performance for it; write see: performance`, true},
		{"see this criterion", replace("criteria/architecture.yaml", "see: performance", "see: architecture"),
			`criteria/architecture.yaml:30:10: see names this criterion itself; judge the claim here, or name the criterion that judges it`, true},
		{"see a draft", func(fsys fstest.MapFS) {
			fsys["criteria/performance.yaml"].Data = append([]byte("draft: true\n"), fsys["criteria/performance.yaml"].Data...)
		}, `criteria/architecture.yaml:30:10: seed-2021 passage 24.1 is judged on performance, a draft that readers cannot see; publish it, or judge the claim here`, true},
		{"reference with a judgement", replace("criteria/architecture.yaml", "see: performance\n", "see: performance\n    judgement: holds\n"),
			`criteria/architecture.yaml:31:16: a claim judged on another page (see: performance) takes only source, passage and see; remove judgement`, true},
		{"reference listed twice", replace("criteria/architecture.yaml", "see: performance\n", "see: performance\n  - source: seed-2021\n    passage: 24.1\n    see: performance\n"),
			`criteria/architecture.yaml:32:14: seed-2021 passage 24.1 is already listed on this page, at line 29; list it once`, true},
		{"tab indentation", replace("criteria/auth.yaml", "  nodejs:", "\tnodejs:"),
			"criteria/auth.yaml:6:1: tab in indentation; YAML indents with spaces", false},
		{"yaml syntax", replace("criteria/auth.yaml", "question: How do you log users in?", "question: [unclosed"),
			"criteria/auth.yaml:5:1: ',' or ']' must be specified", false},
		{"invalid file slug", write("criteria/Bad_Name.yaml", "title: x\n"),
			`criteria/Bad_Name.yaml: file name "Bad_Name" is not a valid slug: use lower-case letters, digits and single hyphens`, false},
		{"duplicate source id", write("sources/more.yaml", "- id: seed-2021\n  title: x\n  publisher: y\n  date: 2020-01-01\n  kind: article\n"),
			`sources/more.yaml:1:7: duplicate source id "seed-2021" (ids are unique across sources/*.yaml)`, false},
		{"bad source date", replace("sources/main.yaml", `date: "2021"`, "date: 2021-13-45"),
			`sources/main.yaml:16:9: date "2021-13-45" is not a date; use YYYY-MM-DD, or YYYY-MM or YYYY when only that is known`, false},
		{"bad source kind", replace("sources/main.yaml", "kind: docs", "kind: blog"),
			`sources/main.yaml:6:9: kind "blog" is not one of: article, docs, benchmark, survey, release, paper, repository`, false},
		{"bad url", replace("sources/main.yaml", "https://nodejs.org/en/learn", "nodejs.org/en/learn"),
			`sources/main.yaml:10:8: url "nodejs.org/en/learn/asynchronous-work/event-loop-timers-and-nexttick" is not an http(s) URL`, false},
		{"one subject", replace("comparison.yaml", "  - id: django\n", "  - id: django\n    extra: 1\n"),
			`comparison.yaml:14:5: unknown field "extra"`, false},
		{"front matter not closed", write("articles/open.md", "---\ntitle: x\n\nBody\n"),
			`articles/open.md:1: front matter is not closed: add a line "---" after its last field`, false},
		{"no front matter", write("articles/plain.md", "# Just text\n"),
			`articles/plain.md:1: missing front matter: an article starts with a line "---", then YAML fields, then "---"`, false},
		{"article unknown criterion", replace("articles/overview.md", "[architecture, performance]", "[architecture, speed]"),
			`articles/overview.md:5:26: unknown criterion "speed"`, false},
		{"article bad date", replace("articles/overview.md", "published: 2026-11-20", "published: next week"),
			`articles/overview.md:4:12: published "next week" is not a date; use YYYY-MM-DD`, false},
		{"article empty body", write("articles/empty.md", "---\ntitle: x\nsummary: y\npublished: 2026-01-01\n---\n\n"),
			"articles/empty.md:6: empty article body; write the article below the front matter", false},
		{"invalid utf-8", write("articles/latin1.md", "---\ntitle: caf\xe9\n---\n"),
			"articles/latin1.md:2: not valid UTF-8; save the file as UTF-8", false},
		{"unknown file kind", write("criteria/notes.txt", "todo"),
			"criteria/notes.txt: file of unknown kind; expected comparison.yaml, sources/*.yaml, criteria/*.yaml or articles/*.md", false},
		{"missing comparison", func(fsys fstest.MapFS) { delete(fsys, "comparison.yaml") },
			"comparison.yaml: missing; every content folder needs comparison.yaml with the title, subjects and groups", true},
		{"bad indentation", replace("criteria/auth.yaml", "    rating: 3\n    summary:", "    rating: 3\n      summary:"),
			"criteria/auth.yaml:7:13: mapping value is not allowed in this context", false},
		{"wrong type for bool", replace("criteria/auth.yaml", "title: Authentication", "draft: maybe\ntitle: Authentication"),
			"criteria/auth.yaml:1:8: expected true or false, found text", false},
		{"duplicate key", replace("criteria/auth.yaml", "title: Authentication", "title: Authentication\ntitle: Again"),
			`criteria/auth.yaml:2:1: mapping key "title" already defined at [1:1]`, false},
		{"criterion body empty", replace("criteria/auth.yaml", "      Pick a library and wire sessions yourself.\n", "      \n"),
			`criteria/auth.yaml:9:11: missing required field "body"`, false},
		{"wrong type for list", replace("criteria/auth.yaml", "sources: [django-security-docs]", "sources: django-security-docs"),
			"criteria/auth.yaml:20:10: expected a list, found text", false},
		// The date of the last review and the change log, newest first (security.yaml
		// lines 23–28: reviewed 2026-11-23, changes of 2026-11-23 and 2026-11-20).
		{"reviewed missing", replace("criteria/security.yaml", "reviewed: 2026-11-23\n", ""),
			`criteria/security.yaml:1:1: missing required field "reviewed" (the day the criterion was last checked against its sources)`, true},
		{"reviewed blank", replace("criteria/security.yaml", "reviewed: 2026-11-23", `reviewed: " "`),
			`criteria/security.yaml:23:11: missing required field "reviewed" (the day the criterion was last checked against its sources)`, true},
		{"reviewed not a date", replace("criteria/security.yaml", "reviewed: 2026-11-23", "reviewed: 2026-11-31"),
			`criteria/security.yaml:23:11: reviewed "2026-11-31" is not a date; use YYYY-MM-DD`, true},
		{"changes missing", replace("criteria/auth.yaml", "changes:\n  - date: 2026-11-20\n    summary: First published.\n", ""),
			`criteria/auth.yaml:1:1: missing required field "changes" (what changed and when, newest first; at least one entry)`, true},
		{"changes empty", replace("criteria/auth.yaml", "changes:\n  - date: 2026-11-20\n    summary: First published.\n", "changes: []\n"),
			`criteria/auth.yaml:22:1: missing required field "changes" (what changed and when, newest first; at least one entry)`, true},
		{"change date not a date", replace("criteria/security.yaml", "  - date: 2026-11-20", "  - date: 20 November 2026"),
			`criteria/security.yaml:27:11: date "20 November 2026" is not a date; use YYYY-MM-DD`, true},
		{"first change date not a date", replace("criteria/security.yaml", "  - date: 2026-11-23", "  - date: soon"),
			`criteria/security.yaml:25:11: date "soon" is not a date; use YYYY-MM-DD`, true},
		{"change date missing", replace("criteria/security.yaml", "  - date: 2026-11-20\n    summary:", "  - summary:"),
			`criteria/security.yaml:27:5: missing required field "date"`, true},
		{"change summary empty", replace("criteria/security.yaml", "summary: First published.", `summary: " "`),
			`criteria/security.yaml:28:14: missing required field "summary"`, true},
		{"change summary too long", replace("criteria/security.yaml", "summary: First published.", "summary: "+strings.Repeat("word ", 56)+"word"),
			`criteria/security.yaml:28:14: summary is 284 characters long; keep it to 280, one or two sentences`, true},
		{"change summary left as TODO", replace("criteria/security.yaml", "summary: First published.", "summary: TODO say what changed"),
			`criteria/security.yaml:28:14: TODO left in a published criterion; finish it or mark it draft: true`, true},
		{"changes out of order", replace("criteria/security.yaml", "  - date: 2026-11-23", "  - date: 2026-11-19"),
			`criteria/security.yaml:27:11: change dated 2026-11-20 is newer than the entry above it (2026-11-19); list changes newest first`, true},
		{"change after reviewed", replace("criteria/security.yaml", "  - date: 2026-11-23", "  - date: 2026-11-24"),
			`criteria/security.yaml:25:11: change dated 2026-11-24 is after reviewed (2026-11-23); reviewed is the day of the latest check, so no change is newer`, true},
		{"unknown field in a change", replace("criteria/security.yaml", "summary: First published.", "sumary: First published."),
			`criteria/security.yaml:28:5: unknown field "sumary"`, true},
		// A file that cannot be used at all is reported once. The references it might have
		// satisfied are not reported again: they may well be right.
		{"empty sources file", write("sources/main.yaml", ""),
			"sources/main.yaml: file is empty", true},
		{"blank sources file", write("sources/main.yaml", "\n  \n\t\r\n"),
			"sources/main.yaml: file is empty", true},
		{"broken sources file", write("sources/main.yaml", "- id: [unclosed\n"),
			"sources/main.yaml:1:7: sequence end token ']' not found", true},
		{"sources file not a list", write("sources/main.yaml", "id: seed-2021\n"),
			"sources/main.yaml:1:3: expected a list, found a mapping", true},
		{"unknown source beside an empty sources file", func(fsys fstest.MapFS) {
			write("sources/more.yaml", " ")(fsys)
			replace("criteria/security.yaml", "[django-security-docs]", "[django-docs]")(fsys)
		}, "sources/more.yaml: file is empty", true},
		{"empty comparison", write("comparison.yaml", ""),
			"comparison.yaml: file is empty", true},
		{"broken comparison", replace("comparison.yaml", "title: Node.js vs Django", "title: [unclosed"),
			"comparison.yaml:2:1: ',' or ']' must be specified", true},
		{"empty criterion", write("criteria/security.yaml", ""),
			"criteria/security.yaml: file is empty", true},
		{"unreadable criterion", write("criteria/performance.yaml", "title: caf\xe9\n"),
			"criteria/performance.yaml:1: not valid UTF-8; save the file as UTF-8", true},
		{"empty article", write("articles/security-basics.md", "\n\n"),
			"articles/security-basics.md: file is empty", true},
		// The headings of a broken page are unknown, so a link to one is still reported.
		// Links are checked by the server against the rendered pages; a page whose file is
		// broken is not rendered, so only the file is reported.
		{"empty article with a linked heading", write("articles/overview.md", ""),
			"articles/overview.md: file is empty", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys := fixture.SampleMap(t)
			tt.break_(fsys)
			cat, err := Load(fsys, Options{Now: testNow})
			if tt.want == "" {
				if err != nil {
					t.Errorf("problems:\n  %s\nwant none", strings.ReplaceAll(err.Error(), "\n", "\n  "))
				}
				return
			}
			if cat != nil {
				t.Error("Load returned a catalog despite problems")
			}
			var problems Problems
			if !errors.As(err, &problems) {
				t.Fatalf("err = %v, want Problems", err)
			}
			if tt.whole {
				if err.Error() != tt.want {
					t.Errorf("problems:\n  %s\nwant exactly:\n  %s", strings.ReplaceAll(err.Error(), "\n", "\n  "), strings.ReplaceAll(tt.want, "\n", "\n  "))
				}
				return
			}
			for _, p := range problems {
				if p.String() == tt.want {
					return
				}
			}
			t.Errorf("problems lack\n  %s\ngot:\n  %s", tt.want, strings.ReplaceAll(err.Error(), "\n", "\n  "))
		})
	}
}

func TestLoadReportsEveryProblem(t *testing.T) {
	fsys := fixture.SampleMap(t)
	fsys["criteria/security.yaml"].Data = []byte(strings.Replace(string(fsys["criteria/security.yaml"].Data), "rating: 5", "rating: 9", 1))
	fsys["criteria/auth.yaml"].Data = []byte(strings.Replace(string(fsys["criteria/auth.yaml"].Data), "winner: django", "winner: nobody", 1))
	fsys["articles/extra.md"] = &fstest.MapFile{Data: []byte("no front matter")}
	_, err := Load(fsys, Options{Now: testNow})
	var problems Problems
	if !errors.As(err, &problems) || len(problems) != 3 {
		t.Fatalf("want 3 problems, got %v", err)
	}
	if !strings.HasPrefix(problems[0].Path, "articles/") || problems[2].Path != "criteria/security.yaml" {
		t.Errorf("problems are not sorted by file: %v", err)
	}
}

func TestDidYouMean(t *testing.T) {
	known := []string{"nodejs", "django", "security"}
	for name, want := range map[string]string{
		"nodjs":    `; did you mean "nodejs"?`,
		"djnago":   `; did you mean "django"?`,
		"rails":    "",
		"securtiy": `; did you mean "security"?`,
	} {
		if got := didYouMean(name, known); got != want {
			t.Errorf("didYouMean(%q) = %q, want %q", name, got, want)
		}
	}
}

func TestLoadEmptyFolder(t *testing.T) {
	_, err := Load(fstest.MapFS{}, Options{})
	if err == nil || !strings.Contains(err.Error(), "content folder is empty") {
		t.Fatalf("err = %v", err)
	}
	_, err = Load(os.DirFS("testdata/does-not-exist"), Options{})
	if err == nil || !strings.Contains(err.Error(), "cannot read content folder") {
		t.Fatalf("err = %v", err)
	}
}

// TestLoadCRLFArticle: an article saved with Windows line endings loads as the same
// article, and a problem in it is reported on the same line.
func TestLoadCRLFArticle(t *testing.T) {
	fsys := fixture.SampleMap(t)
	lf := string(fsys["articles/overview.md"].Data)
	fsys["articles/overview.md"].Data = []byte(strings.ReplaceAll(lf, "\n", "\r\n"))
	cat, err := Load(fsys, Options{Now: testNow})
	if err != nil {
		t.Fatal(err)
	}
	want, _ := loadSample(t).Article("overview")
	got, _ := cat.Article("overview")
	if got.Title != want.Title || got.Body != want.Body {
		t.Errorf("CRLF article: title %q, body %d bytes; want %q, %d bytes", got.Title, len(got.Body), want.Title, len(want.Body))
	}
	// A fence in a language that is not highlighted, reported on its line.
	broken := strings.Replace(lf, "\n\n", "\n\n```cobol\nDISPLAY 'HI'.\n```\n\n", 2)
	line := 1 + strings.Count(broken[:strings.Index(broken, "```cobol")], "\n")
	fsys["articles/overview.md"].Data = []byte(strings.ReplaceAll(broken, "\n", "\r\n"))
	_, err = Load(fsys, Options{Now: testNow})
	if err == nil || !strings.Contains(err.Error(), fmt.Sprintf("articles/overview.md:%d:", line)) {
		t.Errorf("problem in a CRLF article: %v, want it on line %d", err, line)
	}
}
