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
		{APICriterion("security"), "/api/v1/criteria/security"},
	}
	for _, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("got %q, want %q", tt.got, tt.want)
		}
	}
}

func TestInAPI(t *testing.T) {
	for path, want := range map[string]bool{
		"/api": true, "/api/": true, "/api/v1": true, "/api/v1/criteria/x": true, "/api/v2/nope": true,
		"/": false, "/apis": false, "/criteria/api": false, "/api-docs": false,
	} {
		if got := InAPI(path); got != want {
			t.Errorf("InAPI(%q) = %v, want %v", path, got, want)
		}
	}
}
