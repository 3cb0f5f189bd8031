package suggest

import "testing"

func TestDidYouMean(t *testing.T) {
	known := []string{"security", "auth", "performance-io"}
	tests := []struct{ name, want string }{
		{"securty", `; did you mean "security"?`},
		{"auht", `; did you mean "auth"?`},
		{"performance-oi", `; did you mean "performance-io"?`},
		{"database", ""},
		{"", ""},
	}
	for _, tt := range tests {
		if got := DidYouMean(tt.name, known); got != tt.want {
			t.Errorf("DidYouMean(%q) = %q, want %q", tt.name, got, tt.want)
		}
	}
	if d := editDistance("kitten", "sitting"); d != 3 {
		t.Errorf("editDistance = %d, want 3", d)
	}
}
