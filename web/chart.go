package web

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/versus-web/versus/internal/catalog"
)

// Chart is a dot plot of ratings: one row per criterion (or group), one marker per subject
// on a 1–5 scale. It is drawn twice, for wide and narrow screens, and CSS shows one.
type Chart struct {
	ID       string // unique on the page, for ARIA references
	Caption  string
	Subjects []*catalog.Subject
	Rows     []ChartRow
	// Narrowable charts can be narrowed in the browser (static/js/site.js): each row's
	// <g> has the row's values in data-v, so the script knows which marker is whose and
	// can spread equal ratings again once some subjects are gone.
	Narrowable bool
}

// ChartRow is one line of a chart. A value of 0 means the subject has no rating there.
type ChartRow struct {
	Label  string
	Values []float64 // per subject, in Chart.Subjects order
}

// CriteriaChart plots the given criteria. A static host sends the chart of every
// criterion for any /compare query, so it is Narrowable.
func CriteriaChart(id, caption string, subjects []*catalog.Subject, rows []Rows) Chart {
	ch := Chart{ID: id, Caption: caption, Subjects: subjects, Narrowable: true}
	for _, g := range rows {
		for _, c := range g.Criteria {
			row := ChartRow{Label: c.Title}
			for _, s := range subjects {
				r, _ := c.Rating(s.ID)
				row.Values = append(row.Values, float64(r.Score))
			}
			ch.Rows = append(ch.Rows, row)
		}
	}
	return ch
}

// GroupChart plots each group's average rating per subject.
func GroupChart(id, caption string, subjects []*catalog.Subject, rows []Rows) Chart {
	ch := Chart{ID: id, Caption: caption, Subjects: subjects}
	for _, g := range rows {
		row := ChartRow{Label: g.Group.Title}
		for _, s := range subjects {
			sum, n := 0, 0
			for _, c := range g.Criteria {
				if r, ok := c.Rating(s.ID); ok {
					sum, n = sum+r.Score, n+1
				}
			}
			avg := 0.0
			if n > 0 {
				avg = float64(sum) / float64(n)
			}
			row.Values = append(row.Values, avg)
		}
		ch.Rows = append(ch.Rows, row)
	}
	return ch
}

// chartLayout is the geometry of one drawing of a chart.
type chartLayout struct {
	Width, RowHeight      float64
	TrackLeft, TrackRight float64
	LabelAbove            bool // narrow: the label sits above its track
	MaxLabel              int  // runes; longer labels are cut (the text version has them whole)
	Top                   float64
}

var (
	wideLayout   = chartLayout{Width: 720, RowHeight: 30, TrackLeft: 300, TrackRight: 700, MaxLabel: 40, Top: 8}
	narrowLayout = chartLayout{Width: 360, RowHeight: 46, TrackLeft: 14, TrackRight: 346, LabelAbove: true, MaxLabel: 52, Top: 4}
)

func (l chartLayout) height(rows int) float64 { return l.Top + float64(rows)*l.RowHeight + 26 }

// x places a rating on the track.
func (l chartLayout) x(v float64) float64 {
	return l.TrackLeft + (v-1)/float64(catalog.MaxScore-1)*(l.TrackRight-l.TrackLeft)
}

// trackY is the vertical centre of row i's track.
func (l chartLayout) trackY(i int) float64 {
	y := l.Top + float64(i)*l.RowHeight
	if l.LabelAbove {
		return y + 30
	}
	return y + l.RowHeight/2
}

func (l chartLayout) labelX() float64 {
	if l.LabelAbove {
		return l.TrackLeft - 10
	}
	return 0
}

func (l chartLayout) labelY(i int) float64 {
	if l.LabelAbove {
		return l.Top + float64(i)*l.RowHeight + 14
	}
	return l.trackY(i) + 5
}

func (l chartLayout) label(s string) string {
	if utf8.RuneCountInString(s) <= l.MaxLabel {
		return s
	}
	return strings.TrimSpace(string([]rune(s)[:l.MaxLabel-1])) + "…"
}

func (l chartLayout) axisY(rows int) float64 { return l.height(rows) - 6 }

// markerY spreads subjects with equal values so every marker stays visible.
func markerY(row ChartRow, series int, y float64) float64 {
	same, before := 0, 0
	for i, v := range row.Values {
		if v == row.Values[series] {
			same++
			if i < series {
				before++
			}
		}
	}
	if same < 2 {
		return y
	}
	return y + (float64(before)-float64(same-1)/2)*7
}

func seriesClass(i int) string { return fmt.Sprintf("series series-%d", i%4) }

func oneDecimal(v float64) string {
	if v == 0 {
		return "no rating"
	}
	return strconv.FormatFloat(v, 'f', 1, 64)
}

func (c Chart) summary() string {
	names := make([]string, len(c.Subjects))
	for i, s := range c.Subjects {
		names[i] = s.Name
	}
	return fmt.Sprintf("Dot plot of ratings from 1 to 5 for %s on %d rows. The same values follow as text.",
		strings.Join(names, " and "), len(c.Rows))
}
