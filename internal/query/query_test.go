package query

import (
	"fmt"
	"strings"
	"testing"
)

func TestValues(t *testing.T) {
	tests := []struct {
		raw  []string
		want string
	}{
		{nil, ""},
		{[]string{"a", "b"}, "a|b"},
		{[]string{"A, b,,", " a "}, "a|b"},
		{[]string{"x,x", "x"}, "x"},
	}
	for _, tt := range tests {
		if got := strings.Join(Values(tt.raw), "|"); got != tt.want {
			t.Errorf("Values(%q) = %q, want %q", tt.raw, got, tt.want)
		}
	}
	many := make([]string, 5000)
	for i := range many {
		many[i] = fmt.Sprint(i)
	}
	if n := len(Values(many)); n != maxValues {
		t.Errorf("Values kept %d of 5000 values, want the cap %d", n, maxValues)
	}
}

func TestIgnored(t *testing.T) {
	if n := Ignored("c", Unknown, nil); n != nil {
		t.Errorf("no values gave %v", n)
	}
	n := Ignored("w", Malformed, []string{"a:9"})
	if len(n) != 1 || n[0].Param != "w" || n[0].Reason != Malformed || n[0].Values[0] != "a:9" {
		t.Errorf("Ignored = %+v", n)
	}
}
