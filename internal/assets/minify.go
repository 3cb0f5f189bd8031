package assets

import (
	"bytes"
	"strings"
)

// Stylesheets and scripts are written for people: commented and indented. Their comments
// are a sixth of their weight even compressed, and every page loads them on first visit,
// so they are served without: minify drops what a browser ignores, and nothing else.

// minify returns the bytes an asset is served with: CSS and JavaScript without their
// comments and spare whitespace, anything else as it is.
func minify(name string, b []byte) []byte {
	switch {
	case strings.HasSuffix(name, ".css"):
		return minifyCSS(b)
	case strings.HasSuffix(name, ".js"):
		return minifyJS(b)
	}
	return b
}

// minifyCSS drops comments, and the whitespace that is not needed to tell tokens apart:
// around braces, semicolons, commas and child combinators, and after colons. A colon
// keeps the whitespace before it, which is a descendant combinator in `a :focus`. Quoted
// strings are copied as they are. An unquoted url() holding "/*" or spaces is not
// supported; quote it.
func minifyCSS(src []byte) []byte {
	var out bytes.Buffer
	space := false // whitespace or a comment was skipped since the last byte written
	for i := 0; i < len(src); i++ {
		c := src[i]
		switch {
		case c == '/' && i+1 < len(src) && src[i+1] == '*':
			end := bytes.Index(src[i+2:], []byte("*/"))
			if end < 0 {
				i = len(src)
			} else {
				i += 2 + end + 1
			}
			space = true
			continue
		case c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f':
			space = true
			continue
		}
		if space && out.Len() > 0 && !bytes.ContainsRune([]byte("{};,>:"), rune(out.Bytes()[out.Len()-1])) &&
			!bytes.ContainsRune([]byte("{};,>!"), rune(c)) {
			out.WriteByte(' ')
		}
		space = false
		if c == '"' || c == '\'' {
			j := i + 1
			for j < len(src) && src[j] != c && src[j] != '\n' {
				if src[j] == '\\' {
					j++
				}
				j++
			}
			j = min(j, len(src)-1)
			out.Write(src[i : j+1])
			i = j
			continue
		}
		if c == '}' && out.Len() > 0 && out.Bytes()[out.Len()-1] == ';' {
			out.Truncate(out.Len() - 1) // a block's last semicolon
		}
		out.WriteByte(c)
	}
	return out.Bytes()
}

// minifyJS drops the lines that hold only a // comment, blank lines and indentation. It
// changes no line that holds code, so it cannot change what a script does, as long as no
// string or template literal spans lines (the scripts here have none).
func minifyJS(src []byte) []byte {
	var out bytes.Buffer
	for line := range strings.Lines(string(src)) {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "//") {
			continue
		}
		out.WriteString(line)
		out.WriteByte('\n')
	}
	return out.Bytes()
}
