package decide

import (
	"net/url"
	"reflect"
	"testing"

	"github.com/versus-web/versus/internal/catalog"
	"github.com/versus-web/versus/internal/fixture"
	"github.com/versus-web/versus/internal/query"
)

// The sample rates: architecture 4/4, performance 4/3, security 3/5, auth 3/5 (nodejs/django).
func sample(t *testing.T) *catalog.Catalog {
	t.Helper()
	cat, err := catalog.Load(fixture.Sample(), catalog.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return cat
}

func TestParseWeights(t *testing.T) {
	cat := sample(t)
	tests := []struct {
		query   string
		want    map[string]int
		notices []query.Notice
		encoded string
	}{
		{"", map[string]int{}, nil, ""},
		{"w=security:3&w=auth:0", map[string]int{"security": 3, "auth": 0}, nil, "w=security%3A3&w=auth%3A0"},
		{"w=security:3,performance:2", map[string]int{"security": 3, "performance": 2}, nil, "w=performance%3A2&w=security%3A3"},
		{"w=security:1", map[string]int{"security": 1}, nil, ""},
		{"w=security:3&w=security:2", map[string]int{"security": 2}, nil, "w=security%3A2"},
		{"w=Security%20:%202", map[string]int{"security": 2}, nil, "w=security%3A2"},
		{"w=speed:3", map[string]int{}, []query.Notice{{Param: "w", Reason: query.Unknown, Values: []string{"speed"}}}, ""},
		{"w=security:9&w=auth:x&w=performance", map[string]int{},
			[]query.Notice{{Param: "w", Reason: query.Malformed, Values: []string{"security:9", "auth:x", "performance"}}}, ""},
		{"w=%3Cscript%3E:1", map[string]int{}, []query.Notice{{Param: "w", Reason: query.Unknown, Values: []string{"<script>"}}}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.query, func(t *testing.T) {
			q, _ := url.ParseQuery(tt.query)
			w, notices := ParseWeights(cat, q)
			if len(w) != len(tt.want) {
				t.Errorf("weights = %v, want %v", w, tt.want)
			}
			for k, v := range tt.want {
				if w[k] != v {
					t.Errorf("weight %s = %d, want %d", k, w[k], v)
				}
			}
			if !reflect.DeepEqual(notices, tt.notices) {
				t.Errorf("notices = %+v, want %+v", notices, tt.notices)
			}
			if got := w.Encode(cat); got != tt.encoded {
				t.Errorf("Encode = %q, want %q", got, tt.encoded)
			}
		})
	}
}

func TestRank(t *testing.T) {
	cat := sample(t)

	// Equal weights: nodejs 4+4+3+3 = 14, django 4+3+5+5 = 17, of 20 each.
	res := Rank(cat, Weights{})
	if res.Ranking[0].Subject.ID != "django" || res.Ranking[0].Points != 17 || res.Ranking[1].Points != 14 || res.Ranking[0].Max != 20 {
		t.Fatalf("ranking = %+v", res.Ranking)
	}
	if res.Ranking[0].Percent() != 85 || res.Ranking[1].Percent() != 70 {
		t.Errorf("percent = %d, %d", res.Ranking[0].Percent(), res.Ranking[1].Percent())
	}
	// The largest swings first: security and auth (+2 each for django), then performance (−1).
	if res.Lines[0].Swing != 2 || res.Lines[2].Criterion.Slug != "performance" || res.Lines[2].Swing != -1 || res.Lines[3].Swing != 0 {
		t.Errorf("lines = %+v", res.Lines)
	}

	// Weighting performance 3 and ignoring security and auth turns the result around:
	// nodejs 4 + 12 = 16, django 4 + 9 = 13.
	res = Rank(cat, Weights{"performance": 3, "security": 0, "auth": 0})
	if res.Ranking[0].Subject.ID != "nodejs" || res.Ranking[0].Points != 16 || res.Ranking[1].Points != 13 {
		t.Fatalf("ranking = %+v", res.Ranking)
	}
	if len(res.Ignored) != 2 || len(res.Lines) != 2 || res.Lines[0].Criterion.Slug != "performance" || res.Lines[0].Swing != 3 {
		t.Errorf("lines = %+v, ignored = %d", res.Lines, len(res.Ignored))
	}

	// Only architecture counts: a tie.
	res = Rank(cat, Weights{"performance": 0, "security": 0, "auth": 0})
	if !res.Tied || res.Ranking[0].Subject.ID != "nodejs" {
		t.Errorf("tie not reported or order unstable: %+v", res)
	}

	// Everything ignored: no points, no division by zero.
	res = Rank(cat, Weights{"architecture": 0, "performance": 0, "security": 0, "auth": 0})
	if res.Ranking[0].Max != 0 || res.Ranking[0].Percent() != 0 || len(res.Lines) != 0 {
		t.Errorf("all ignored: %+v", res)
	}
}
