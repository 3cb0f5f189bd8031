// Package query reads the list parameters of a page's URL the same way on every page:
// values may repeat or be comma-separated; they are trimmed, lower-cased, de-duplicated
// and capped, so a hostile URL costs no more than a normal one. It also words the list
// of values a page could not use.
package query

import (
	"fmt"
	"strings"
)

const (
	maxValues      = 200 // values read from one parameter
	maxListed      = 10  // values named in a notice
	maxValueLength = 60  // runes of a value shown in a notice
)

// Values returns the distinct values of a parameter, in order.
func Values(raw []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, r := range raw {
		for _, v := range strings.Split(r, ",") {
			v = strings.ToLower(strings.TrimSpace(v))
			if v == "" || seen[v] {
				continue
			}
			if len(out) == maxValues {
				return out
			}
			seen[v] = true
			out = append(out, v)
		}
	}
	return out
}

// List quotes values for a notice: “a”, “b” and 3 more. Long values are shortened.
func List(values []string) string {
	shown := make([]string, 0, maxListed)
	for _, v := range values[:min(len(values), maxListed)] {
		if r := []rune(v); len(r) > maxValueLength {
			v = string(r[:maxValueLength]) + "…"
		}
		shown = append(shown, "“"+v+"”")
	}
	list := strings.Join(shown, ", ")
	if extra := len(values) - len(shown); extra > 0 {
		list += fmt.Sprintf(" and %d more", extra)
	}
	return list
}
