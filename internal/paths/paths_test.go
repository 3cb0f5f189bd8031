package paths

import "testing"

func TestBuilders(t *testing.T) {
	tests := []struct{ got, want string }{
		{Criterion("security"), "/criteria/security"},
		{Article("rest-api"), "/articles/rest-api"},
		{EmbedCriterion("security"), "/embed/criteria/security"},
		{CompareCriteria("security", "auth"), "/compare?c=security&c=auth"},
		{CompareCriteria(), "/compare"},
		{CompareGroup("data"), "/compare?g=data"},
		{SearchFor("orm migrations"), "/search?q=orm+migrations"},
		{SearchFor("a&b"), "/search?q=a%26b"},
		{WithQuery("/decide", ""), "/decide"},
		{WithQuery("/decide", "w=auth%3A3"), "/decide?w=auth%3A3"},
	}
	for _, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("got %q, want %q", tt.got, tt.want)
		}
	}
}
