package catalog

import (
	"fmt"
	"io/fs"
	"regexp"
	"strings"
)

// Outline is the part of comparison.yaml that new pages are built on.
type Outline struct {
	Subjects []string // subject ids, in order
	Groups   []string // group ids, in order
}

// ReadOutline reads the subject and group ids from comparison.yaml without loading the
// rest of the content, so scaffolding works while other files are broken.
func ReadOutline(fsys fs.FS) (Outline, error) {
	const p = "comparison.yaml"
	src, err := fs.ReadFile(fsys, p)
	if err != nil {
		return Outline{}, err
	}
	var raw comparisonFile
	var problems Problems
	if _, ok := decodeYAML(p, 0, src, &raw, &problems); !ok {
		return Outline{}, problems
	}
	var o Outline
	for _, s := range raw.Subjects {
		o.Subjects = append(o.Subjects, s.ID)
	}
	for _, g := range raw.Groups {
		o.Groups = append(o.Groups, g.ID)
	}
	if len(o.Subjects) == 0 || len(o.Groups) == 0 {
		return Outline{}, fmt.Errorf("%s lists no subjects or no groups", p)
	}
	return o, nil
}

// ValidSlug reports whether s can name a criterion, article, subject, group or source.
func ValidSlug(s string) bool { return slugPattern.MatchString(s) }

var nonSlug = regexp.MustCompile(`[^a-z0-9]+`)

// Slugify turns a title into a slug: "Node.js on Lambda" becomes "node-js-on-lambda".
func Slugify(title string) string {
	return strings.Trim(nonSlug.ReplaceAllString(strings.ToLower(title), "-"), "-")
}
