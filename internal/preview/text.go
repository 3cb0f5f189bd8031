package preview

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/image/font"
	"golang.org/x/image/math/fixed"
)

// ellipsis ends a line that had to be cut.
const ellipsis = "…"

// wrap breaks text into at most maxLines lines that each measure at most width in face f.
// Lines break at spaces; a word wider than a whole line is broken between runes. If the
// text needs more than maxLines lines, the last line holds as much of the rest as fits and
// ends with "…". Runs of white space and control characters count as one space.
func wrap(f font.Face, text string, width fixed.Int26_6, maxLines int) []string {
	text = strings.Join(strings.FieldsFunc(text, func(r rune) bool {
		return unicode.IsSpace(r) || unicode.IsControl(r)
	}), " ")
	var lines []string
	for text != "" && len(lines) < maxLines {
		if len(lines) == maxLines-1 {
			if last := cut(f, text, width); last != "" {
				lines = append(lines, last)
			}
			break
		}
		line, rest := breakLine(f, text, width)
		if line == "" {
			break // not even one letter fits
		}
		lines = append(lines, line)
		text = rest
	}
	return lines
}

// breakLine splits off the first line of text, which has single spaces between words:
// the most whole words that fit in width, or, when even the first word does not fit,
// as much of it as fits. The line is empty only if not even the first letter fits.
func breakLine(f font.Face, text string, width fixed.Int26_6) (line, rest string) {
	n := fitRunes(f, text, width)
	switch {
	case n == len(text):
		return text, ""
	case text[n] == ' ':
		return text[:n], text[n+1:]
	}
	if j := strings.LastIndexByte(text[:n], ' '); j > 0 {
		return text[:j], text[j+1:]
	}
	return text[:n], text[n:]
}

// cut returns s if it fits in width, or else the longest prefix of s that fits with "…"
// after it, without trailing spaces or punctuation before the ellipsis, or "" if not even
// the ellipsis fits.
func cut(f font.Face, s string, width fixed.Int26_6) string {
	if font.MeasureString(f, s) <= width {
		return s
	}
	room := width - font.MeasureString(f, ellipsis)
	if room < 0 {
		return ""
	}
	n := fitRunes(f, s, room)
	if n < len(s) && s[n] != ' ' {
		// Rather than cut a word, end after the previous one if that still fills most of
		// the line.
		if j := strings.LastIndexByte(s[:n], ' '); j > 0 && font.MeasureString(f, s[:j]) >= room*2/3 {
			n = j
		}
	}
	s = s[:n]
	for s != "" && font.MeasureString(f, s+ellipsis) > width {
		// Kerning against the ellipsis can add a little; give up one more rune.
		_, size := utf8.DecodeLastRuneInString(s)
		s = s[:len(s)-size]
	}
	s = strings.TrimRightFunc(s, func(r rune) bool {
		return unicode.IsSpace(r) || strings.ContainsRune(",;:-–—", r)
	})
	return s + ellipsis
}

// fitRunes returns the length in bytes of the longest prefix of s that measures at most
// width. It adds advances and kerning the way font.MeasureString does.
func fitRunes(f font.Face, s string, width fixed.Int26_6) int {
	var adv fixed.Int26_6
	prev := rune(-1)
	for i, r := range s {
		a, _ := f.GlyphAdvance(r) // a rune the font lacks still takes the width of its box
		if prev >= 0 {
			a += f.Kern(prev, r)
		}
		if adv+a > width {
			return i
		}
		adv += a
		prev = r
	}
	return len(s)
}
