package web

import (
	"fmt"
	"strings"

	"github.com/versus-web/versus/internal/catalog"
	"github.com/versus-web/versus/internal/decide"
	"github.com/versus-web/versus/internal/query"
)

// DecideView is the /decide page: the reader's weights and the ranking they give.
type DecideView struct {
	Groups   []*catalog.Group
	Subjects []*catalog.Subject
	Weights  decide.Weights
	Result   decide.Result
	Notices  []query.Notice
}

var weightLabels = [decide.MaxWeight + 1]string{"0 — ignore", "1 — normal", "2 — important", "3 — critical"}

func weightLabel(w int) string { return weightLabels[w] }

// rankingSentence states the result in words, for the page and for screen readers.
func rankingSentence(r decide.Result) string {
	if len(r.Ranking) < 2 || r.Ranking[0].Max == 0 {
		return "Every criterion has weight 0, so nothing is counted. Give at least one criterion a weight."
	}
	parts := make([]string, len(r.Ranking))
	for i, s := range r.Ranking {
		parts[i] = fmt.Sprintf("%s %d of %d points (%d%%)", s.Subject.Name, s.Points, s.Max, s.Percent())
	}
	if r.Tied {
		return "A tie at the top: " + strings.Join(parts, ", ") + "."
	}
	return fmt.Sprintf("%s comes first with your weights: %s.", r.Ranking[0].Subject.Name, strings.Join(parts, ", "))
}

func leaderPair(r decide.Result) string {
	if len(r.Ranking) < 2 {
		return "the subjects"
	}
	return r.Ranking[0].Subject.Name + " and " + r.Ranking[1].Subject.Name
}

func pointsCell(line decide.Line, i int) string {
	if line.Weight == 0 {
		return "0"
	}
	return fmt.Sprintf("%d × %d = %d", line.Weight, line.Points[i]/line.Weight, line.Points[i])
}

func swingText(r decide.Result, line decide.Line) string {
	switch {
	case line.Swing == 0:
		return "no difference"
	case line.Swing > 0:
		return fmt.Sprintf("+%d for %s", line.Swing, r.Ranking[0].Subject.Name)
	default:
		return fmt.Sprintf("+%d for %s", -line.Swing, r.Ranking[1].Subject.Name)
	}
}

func totalCell(r decide.Result, s *catalog.Subject) string {
	for _, st := range r.Ranking {
		if st.Subject == s {
			return fmt.Sprintf("%d of %d", st.Points, st.Max)
		}
	}
	return ""
}

// subjectIndex keeps a subject's colour the same whatever its rank.
func subjectIndex(r decide.Result, s *catalog.Subject) int {
	for i, x := range r.Subjects {
		if x == s {
			return i
		}
	}
	return 0
}
