// Package query reads the list parameters of a page's URL the same way on every page:
// values may repeat or be comma-separated; they are trimmed, lower-cased, de-duplicated
// and capped, so a hostile URL costs no more than a normal one. What a page could not use
// is reported as Notices, which the web package words.
package query

import "strings"

const maxValues = 200 // values read from one parameter

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

// Reason says why part of a query was not used.
type Reason int

const (
	// Unknown values name nothing in the catalog.
	Unknown Reason = iota
	// Malformed values cannot be read, such as a weight that is not a number in range.
	Malformed
	// NoneKnown means no usable value was left, so the page shows everything.
	NoneKnown
)

// Notice is one part of a query a page ignored: the parameter, why, and the values.
type Notice struct {
	Param  string
	Reason Reason
	Values []string // empty for NoneKnown
}

// Ignored returns a notice for values, or nothing when there are none.
func Ignored(param string, reason Reason, values []string) []Notice {
	if len(values) == 0 {
		return nil
	}
	return []Notice{{Param: param, Reason: reason, Values: values}}
}
