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

func TestList(t *testing.T) {
	if got := List([]string{"a", "b"}); got != "“a”, “b”" {
		t.Errorf("List = %q", got)
	}
	long := strings.Repeat("x", 100)
	if got := List([]string{long}); got != "“"+strings.Repeat("x", 60)+"…”" {
		t.Errorf("long value = %q", got)
	}
	twelve := strings.Split("a b c d e f g h i j k l", " ")
	if got := List(twelve); !strings.HasSuffix(got, "“j” and 2 more") {
		t.Errorf("List of 12 = %q", got)
	}
}
