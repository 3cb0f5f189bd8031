package catalog

import (
	"fmt"
	"net/url"
	"regexp"
	"slices"
	"sort"
	"strings"
	"time"
)

// Field checks shared by every content kind. Each reports a problem at the field's YAML
// path and returns the value to use, or the zero value when the field is unusable.

const dateLayout = "2006-01-02"

var slugPattern = regexp.MustCompile(`^[a-z0-9]+(?:-[a-z0-9]+)*$`)

// required reports a missing or blank field and returns the value trimmed.
func required(doc *yamlDoc, at, field, value string) string {
	value = strings.TrimSpace(value)
	if value == "" {
		doc.add(at, fmt.Sprintf("missing required field %q", field))
	}
	return value
}

func oneOf(doc *yamlDoc, at, field, value string, allowed []string) string {
	if required(doc, at, field, value) == "" {
		return ""
	}
	if !slices.Contains(allowed, value) {
		doc.add(at, fmt.Sprintf("%s %q is not one of: %s", field, value, strings.Join(allowed, ", ")))
		return ""
	}
	return value
}

func (l *loader) slug(doc *yamlDoc, at, field, value string) string {
	if required(doc, at, field, value) == "" {
		return ""
	}
	if !slugPattern.MatchString(value) {
		doc.add(at, fmt.Sprintf("%s %q is not a valid slug: use lower-case letters, digits and single hyphens", field, value))
		return ""
	}
	return value
}

func date(doc *yamlDoc, at, field, value string, isRequired bool) time.Time {
	if value == "" && !isRequired {
		return time.Time{}
	}
	if required(doc, at, field, value) == "" {
		return time.Time{}
	}
	t, err := time.Parse(dateLayout, value)
	if err != nil {
		doc.add(at, fmt.Sprintf("%s %q is not a date; use YYYY-MM-DD", field, value))
	}
	return t
}

// partialDate reads a source's date, which may be known only to the month or the year.
func partialDate(doc *yamlDoc, at, field, value string) Date {
	if required(doc, at, field, value) == "" {
		return Date{}
	}
	for _, f := range []struct {
		layout    string
		precision DatePrecision
	}{{dateLayout, Day}, {"2006-01", Month}, {"2006", Year}} {
		if t, err := time.Parse(f.layout, value); err == nil {
			return Date{Time: t, Precision: f.precision}
		}
	}
	doc.add(at, fmt.Sprintf("%s %q is not a date; use YYYY-MM-DD, or YYYY-MM or YYYY when only that is known", field, value))
	return Date{}
}

func webURL(doc *yamlDoc, at, field, value string, isRequired bool) string {
	if value == "" && !isRequired {
		return ""
	}
	if required(doc, at, field, value) == "" {
		return ""
	}
	u, err := url.Parse(value)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		doc.add(at, fmt.Sprintf("%s %q is not an http(s) URL", field, value))
		return ""
	}
	return value
}

func isTODO(text string) bool { return strings.HasPrefix(strings.TrimSpace(text), "TODO") }

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

func (l *loader) subjectIDs() []string {
	ids := make([]string, len(l.cat.Subjects))
	for i, s := range l.cat.Subjects {
		ids[i] = s.ID
	}
	return ids
}

func groupIDs(groups []*Group) []string {
	ids := make([]string, len(groups))
	for i, g := range groups {
		ids[i] = g.ID
	}
	return ids
}
