package catalog

import (
	"fmt"
	"sort"
	"strings"
)

// Problem is one thing wrong with the content, located in a file.
type Problem struct {
	Path    string // slash-separated, relative to the content folder
	Line    int    // 1-based; 0 when the problem concerns the whole file
	Column  int    // 1-based; 0 when unknown
	Message string
}

func (p Problem) String() string {
	switch {
	case p.Line > 0 && p.Column > 0:
		return fmt.Sprintf("%s:%d:%d: %s", p.Path, p.Line, p.Column, p.Message)
	case p.Line > 0:
		return fmt.Sprintf("%s:%d: %s", p.Path, p.Line, p.Message)
	default:
		return fmt.Sprintf("%s: %s", p.Path, p.Message)
	}
}

// Problems is every problem found while loading content. Load returns it as its error.
type Problems []Problem

func (ps Problems) Error() string {
	lines := make([]string, len(ps))
	for i, p := range ps {
		lines[i] = p.String()
	}
	return strings.Join(lines, "\n")
}

// Sorted orders problems by file, then position, so reports read top to bottom.
func (ps Problems) Sorted() Problems {
	sort.SliceStable(ps, func(i, j int) bool {
		a, b := ps[i], ps[j]
		if a.Path != b.Path {
			return a.Path < b.Path
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		return a.Column < b.Column
	})
	return ps
}
