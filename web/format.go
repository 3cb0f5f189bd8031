package web

import (
	"fmt"
	"strings"
	"time"

	"github.com/versus-web/versus/internal/catalog"
	"github.com/versus-web/versus/internal/paths"
)

// How pages write dates and scores. Every date a reader sees is formatted here.

func criterionURL(c *catalog.Criterion) string { return paths.Criterion(c.Slug) }
func articleURL(a *catalog.Article) string     { return paths.Article(a.Slug) }

func longDate(t time.Time) string { return t.Format("2 January 2006") }
func isoDate(t time.Time) string  { return t.Format("2006-01-02") }
func year(t time.Time) string     { return fmt.Sprint(t.Year()) }

// sourceDate is a source's date as readers see it: "17 March 2025", "March 2025" or "2025".
func sourceDate(d catalog.Date) string {
	switch d.Precision {
	case catalog.Year:
		return year(d.Time)
	case catalog.Month:
		return d.Format("January 2006")
	}
	return longDate(d.Time)
}

// sourceISODate is a source's date for a <time datetime> attribute: "2025-03-17", "2025-03" or "2025".
func sourceISODate(d catalog.Date) string {
	switch d.Precision {
	case catalog.Year:
		return year(d.Time)
	case catalog.Month:
		return d.Format("2006-01")
	}
	return isoDate(d.Time)
}

func scoreLabel(score int) string { return fmt.Sprintf("%d out of %d", score, catalog.MaxScore) }
func scoreClass(score int) string { return fmt.Sprintf("score score-%d", score) }

func verdictClass(v catalog.Verdict) string {
	if v.Kind == catalog.VerdictWinner {
		return "verdict verdict-" + v.Winner.ID
	}
	return "verdict verdict-" + string(v.Kind)
}

func judgementClass(j catalog.Judgement) string { return "judgement judgement-" + string(j) }

func columnCount(subjects []*catalog.Subject) string { return fmt.Sprint(len(subjects) + 2) }

func subjectNames(subjects []*catalog.Subject) string {
	names := make([]string, len(subjects))
	for i, s := range subjects {
		names[i] = s.Name
	}
	return strings.Join(names, " vs ")
}

func sourceKindLabel(kind string) string {
	switch kind {
	case "docs":
		return "Official docs"
	case "release":
		return "Release information"
	}
	return strings.ToUpper(kind[:1]) + kind[1:]
}

// quotedList quotes values for a sentence: “a”, “b” and 3 more. Long values are
// shortened, so a hostile URL cannot fill the page.
func quotedList(values []string) string {
	const maxListed, maxRunes = 10, 60
	shown := make([]string, 0, maxListed)
	for _, v := range values[:min(len(values), maxListed)] {
		if r := []rune(v); len(r) > maxRunes {
			v = string(r[:maxRunes]) + "…"
		}
		shown = append(shown, "“"+v+"”")
	}
	list := strings.Join(shown, ", ")
	if extra := len(values) - len(shown); extra > 0 {
		list += fmt.Sprintf(" and %d more", extra)
	}
	return list
}
