// Package content embeds the comparison that ships with Versus: comparison.yaml,
// sources/*.yaml, criteria/*.yaml and articles/*.md. AUTHORING.md documents the format.
package content

import (
	"embed"
	"io/fs"
)

//go:embed comparison.yaml sources criteria articles
var files embed.FS

// FS returns the embedded content folder.
func FS() fs.FS { return files }
