// Package static embeds the site's CSS, JavaScript and images. They are served under
// content-hashed names by internal/assets.
package static

import (
	"embed"
	"io/fs"
)

//go:embed css img js
var files embed.FS

// FS returns the embedded static files.
func FS() fs.FS { return files }
