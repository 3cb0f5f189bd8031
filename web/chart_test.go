package web

import (
	"context"
	"strings"
	"testing"

	"github.com/versus-web/versus/internal/catalog"
)

// TestChartRows: every row of a drawing is a <g> of its own, a Narrowable chart's rows
// carry their values, and each subject's part of a row in the text version is a <span>:
// static/js/site.js reads and removes them to narrow the chart.
func TestChartRows(t *testing.T) {
	subjects := []*catalog.Subject{{ID: "a", Name: "A"}, {ID: "b", Name: "B"}}
	rows := []ChartRow{{Label: "One", Values: []float64{4, 4}}, {Label: "Two", Values: []float64{3, 0}}}
	tests := []struct {
		name       string
		narrowable bool
		want       []string
	}{
		{"narrowable", true, []string{`<g data-v="4 4"><text class="chart-label"`, `<g data-v="3 0"><text class="chart-label"`}},
		{"not narrowable", false, []string{`<g><text class="chart-label"`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := Chart{ID: "c", Subjects: subjects, Rows: rows, Narrowable: tt.narrowable}
			for _, l := range []chartLayout{wideLayout, narrowLayout} {
				var b strings.Builder
				if err := chartDrawing(c, l, "x").Render(context.Background(), &b); err != nil {
					t.Fatal(err)
				}
				svg := b.String()
				if n := strings.Count(svg, "<g"); n != len(rows) || strings.Count(svg, "</g>") != len(rows) {
					t.Errorf("%d <g> for %d rows:\n%s", n, len(rows), svg)
				}
				for _, want := range tt.want {
					if !strings.Contains(svg, want) {
						t.Errorf("no %s in\n%s", want, svg)
					}
				}
				if !tt.narrowable && strings.Contains(svg, "data-v") {
					t.Errorf("values in a chart that is not narrowable:\n%s", svg)
				}
			}
			var b strings.Builder
			if err := RatingChart(c).Render(context.Background(), &b); err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(b.String(), "<span>A 3.0</span>") || !strings.Contains(b.String(), "<span>B no rating</span>") {
				t.Errorf("the text version has no <span> per subject:\n%s", b.String())
			}
		})
	}
}
