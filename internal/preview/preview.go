// Package preview draws link-preview images (Open Graph cards): the picture a chat app
// shows when someone shares a link. A Card is plain data — a kicker, a title, an
// optional subtitle, rating dots per subject, a verdict and a footer — and PNG turns it
// into a 1200×630 image in the colours of the site's light theme.
//
// Text is set in the Go fonts, which are compiled into the binary and parsed once. Every
// line is measured with the font's real advances, wrapped to the text box and cut with
// "…" when it does not fit, so no card draws outside its margins whatever its text.
// The layout adapts to the fields given: without ratings, the title and subtitle take
// more lines. PNG is safe for concurrent use and returns the same bytes for the same Card.
package preview

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"image/png"
	"sync"

	"golang.org/x/image/font"
	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/gofont/gomedium"
	"golang.org/x/image/font/gofont/goregular"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/math/fixed"
)

// Width and Height are the size of every card: the Open Graph recommended 1200×630.
const Width, Height = 1200, 630

// Design names the way cards are drawn. Change it with any change to the drawing, so
// that URLs derived from a card's content change too and caches fetch the new image.
const Design = "2026-11-23"

// Card describes one preview image. Every field may be empty; an empty field takes no
// space.
type Card struct {
	Kicker   string   // small line above the title, e.g. "Node.js vs Django · Security"
	Title    string   // the big text: up to 3 lines, or 2 when there are ratings
	Subtitle string   // a criterion's question or an article's summary, muted
	Ratings  []Rating // one row of dots per subject, in order
	Verdict  string   // e.g. "Verdict: Django", drawn as a badge at the bottom right
	Footer   string   // site name or host, bottom left beside the brand mark
}

// Rating is one subject's score, drawn as Max dots of which Score are filled, followed
// by "Score/Max". A Max above 10 is drawn as a bar instead of dots; a Max of 0 or less
// draws the subject's name alone. Score is clamped to 0..Max.
type Rating struct {
	Subject    string
	Score, Max int
}

// Colours of the site's light theme (static/css/site.css).
var (
	colBackground = rgb(0xfbfbfa)
	colText       = rgb(0x1c1d1f)
	colMuted      = rgb(0x595c63)
	colAccent     = rgb(0x1f4e79)
	colGood       = rgb(0x1e6b3a)
	colPipOff     = rgb(0xc3c8d0)
	colWhite      = rgb(0xffffff)
	colSeries     = []color.RGBA{rgb(0x1f6fb8), rgb(0xb8540f), rgb(0x2e7d32), rgb(0x7b3fa0)}
)

func rgb(v uint32) color.RGBA {
	return color.RGBA{R: uint8(v >> 16), G: uint8(v >> 8), B: uint8(v), A: 0xff}
}

// The layout, in pixels. Everything but the accent band stays inside the margins.
const (
	bandHeight   = 12 // accent band along the top edge
	marginX      = 80
	marginTop    = 52
	marginBottom = 44
	contentWidth = Width - 2*marginX

	kickerSize, kickerLine = 32, 44
	titleSize, titleLine   = 64, 72
	subtitleSize, subLine  = 34, 44
	rowSize, rowLine       = 36, 52 // subject names and scores
	moreSize               = 32     // the "+2 more" row
	footerSize             = 30
	verdictSize            = 34
	markSize, markFont     = 60, 40 // the "V" square, which sets the footer row's height

	gapAfterKicker   = 14
	gapBeforeSub     = 14
	gapBeforeRatings = 26
	gapBeforeFooter  = 24

	dotSize     = 36
	dotPitch    = 48
	maxDots     = 10
	maxNameW    = 340 // widest subject name column
	gapNameDots = 36
	gapDotsText = 24
	pillPadX    = 28
	minFooterW  = 260 // room kept for the footer when the verdict is long
)

// fonts holds the parsed Go fonts, shared by every call; sfnt fonts are safe for
// concurrent use, faces are not, so each call makes its own.
var fonts = sync.OnceValues(func() (fontSet, error) {
	var fs fontSet
	for _, f := range []struct {
		dst **opentype.Font
		ttf []byte
	}{{&fs.regular, goregular.TTF}, {&fs.medium, gomedium.TTF}, {&fs.bold, gobold.TTF}} {
		var err error
		if *f.dst, err = opentype.Parse(f.ttf); err != nil {
			return fontSet{}, fmt.Errorf("preview: parse Go font: %w", err)
		}
	}
	return fs, nil
})

type fontSet struct{ regular, medium, bold *opentype.Font }

// faces are the font faces one card is drawn with.
type faces struct {
	kicker, title, subtitle, name, score, more, footer, verdict, mark font.Face
}

// newFaces makes the faces for one card. A face keeps buffers for drawing glyphs, so it
// must not be shared between goroutines.
func newFaces(fs fontSet) (*faces, error) {
	var ff faces
	for _, f := range []struct {
		dst  *font.Face
		font *opentype.Font
		size float64
	}{
		{&ff.kicker, fs.medium, kickerSize},
		{&ff.title, fs.bold, titleSize},
		{&ff.subtitle, fs.regular, subtitleSize},
		{&ff.name, fs.medium, rowSize},
		{&ff.score, fs.bold, rowSize},
		{&ff.more, fs.medium, moreSize},
		{&ff.footer, fs.medium, footerSize},
		{&ff.verdict, fs.bold, verdictSize},
		{&ff.mark, fs.bold, markFont},
	} {
		var err error
		*f.dst, err = opentype.NewFace(f.font, &opentype.FaceOptions{Size: f.size, DPI: 72, Hinting: font.HintingNone})
		if err != nil {
			return nil, fmt.Errorf("preview: font face: %w", err)
		}
	}
	return &ff, nil
}

// PNG draws the card and returns it encoded as a paletted PNG, about 30 kB for a
// criterion card.
func PNG(c Card) ([]byte, error) {
	fs, err := fonts()
	if err != nil {
		return nil, err
	}
	ff, err := newFaces(fs)
	if err != nil {
		return nil, err
	}
	img := toPaletted(paint(layOut(c, ff)))
	var buf bytes.Buffer
	if err := (&png.Encoder{CompressionLevel: png.BestSpeed}).Encode(&buf, img); err != nil {
		return nil, fmt.Errorf("preview: encode: %w", err)
	}
	return buf.Bytes(), nil
}

// A layout is everything to draw on one card, positioned: shapes first, then dots,
// then text on top.
type layout struct {
	shapes []shape
	dots   []dot
	texts  []text
}

type shape struct {
	r      image.Rectangle
	radius float32
	col    color.RGBA
}

type dot struct {
	center image.Point
	on     bool // filled, in the subject's series colour, or else pip-off
	col    color.RGBA
}

type text struct {
	face font.Face
	col  color.RGBA
	dot  fixed.Point26_6 // start of the baseline
	s    string
}

// paint draws a layout on a new image.
func paint(l layout) *image.RGBA {
	img := image.NewRGBA(image.Rect(0, 0, Width, Height))
	draw.Draw(img, img.Bounds(), image.NewUniform(colBackground), image.Point{}, draw.Src)
	draw.Draw(img, image.Rect(0, 0, Width, bandHeight), image.NewUniform(colAccent), image.Point{}, draw.Src)
	for _, s := range l.shapes {
		fillRoundRect(img, s.r, s.radius, s.col)
	}
	for _, d := range l.dots {
		col := colPipOff
		if d.on {
			col = d.col
		}
		r := image.Rect(0, 0, dotSize, dotSize).Add(d.center.Sub(image.Pt(dotSize/2, dotSize/2)))
		fillRoundRect(img, r, dotSize/2, col)
	}
	for _, t := range l.texts {
		d := font.Drawer{Dst: img, Src: image.NewUniform(t.col), Face: t.face, Dot: t.dot}
		d.DrawString(t.s)
	}
	return img
}

// layOut places the card's parts: the footer row sits on the bottom margin, and the body
// above it — kicker, title, subtitle, ratings, each only if given — is centred in the
// space left.
func layOut(c Card, ff *faces) layout {
	var l layout
	footerTop := Height - marginBottom - markSize
	l.footer(c, ff, footerTop)

	width := fixed.I(contentWidth)
	room := footerTop - gapBeforeFooter - marginTop // height left for the body

	kicker := wrap(ff.kicker, c.Kicker, width, 1)
	if len(kicker) > 0 {
		room -= kickerLine + gapAfterKicker
	}

	// Ratings come first: every subject's row, as long as one title line still fits.
	rows := len(c.Ratings)
	titleMin := 0
	if wrap(ff.title, c.Title, width, 1) != nil { // the title is more than white space
		titleMin = titleLine
	}
	if rows > 0 {
		fit := max(0, (room-titleMin-gapBeforeRatings)/rowLine)
		rows = min(rows, fit)
		if rows > 0 {
			room -= gapBeforeRatings + rows*rowLine
		}
	}

	maxTitle, maxSub := 3, 3
	if rows > 0 {
		maxTitle, maxSub = 2, 2
	}
	title := wrap(ff.title, c.Title, width, min(maxTitle, room/titleLine))
	room -= len(title) * titleLine
	gap := gapBeforeSub
	if len(title) == 0 {
		gap = 0
	}
	sub := wrap(ff.subtitle, c.Subtitle, width, min(maxSub, max(0, room-gap)/subLine))
	if len(sub) > 0 {
		room -= gap + len(sub)*subLine
	}

	y := marginTop + room/2 // top of the next line box
	if len(kicker) > 0 {
		l.lines(ff.kicker, colAccent, kicker, &y, kickerLine)
		y += gapAfterKicker
	}
	l.lines(ff.title, colText, title, &y, titleLine)
	if len(sub) > 0 {
		if len(title) > 0 {
			y += gapBeforeSub
		}
		l.lines(ff.subtitle, colMuted, sub, &y, subLine)
	}
	if rows > 0 {
		y += gapBeforeRatings
		l.ratings(c.Ratings, rows, ff, y)
	}
	return l
}

// lines adds lines of text in line boxes of height lh starting at *y, and moves *y below
// them. The baseline sits so that the ascent and descent are centred in the box.
func (l *layout) lines(f font.Face, col color.RGBA, lines []string, y *int, lh int) {
	m := f.Metrics()
	for _, s := range lines {
		base := fixed.I(*y) + (fixed.I(lh)-m.Ascent-m.Descent)/2 + m.Ascent
		l.texts = append(l.texts, text{f, col, fixed.Point26_6{X: fixed.I(marginX), Y: fixed.I(base.Round())}, s})
		*y += lh
	}
}

// ratings adds shown rows of ratings from the top y: the subject's name, its dots, and
// "Score/Max". When not all ratings fit, the last row says how many are left out.
func (l *layout) ratings(rs []Rating, shown int, ff *faces, y int) {
	more := len(rs) - shown
	if more > 0 {
		shown--
	}
	nameW := fixed.I(0)
	for _, r := range rs[:shown] {
		nameW = max(nameW, font.MeasureString(ff.name, r.Subject))
	}
	nameW = min(nameW, fixed.I(maxNameW))
	dotsX := marginX + nameW.Ceil() + gapNameDots
	for i, r := range rs[:shown] {
		mid := y + i*rowLine + rowLine/2
		l.centred(ff.name, colText, cut(ff.name, r.Subject, nameW), marginX, mid)
		if r.Max <= 0 {
			continue
		}
		score := min(max(r.Score, 0), r.Max)
		col := colSeries[i%len(colSeries)]
		var end int // right edge of the dots or bar
		if r.Max <= maxDots {
			for j := range r.Max {
				x := dotsX + j*dotPitch + dotSize/2
				l.dots = append(l.dots, dot{image.Pt(x, mid), j < score, col})
			}
			end = dotsX + r.Max*dotPitch - (dotPitch - dotSize)
		} else {
			// Too many for dots: a bar as long as ten dots, filled in proportion.
			const barH = dotSize / 2
			end = dotsX + maxDots*dotPitch - (dotPitch - dotSize)
			bar := image.Rect(dotsX, mid-barH/2, end, mid+barH/2)
			l.shapes = append(l.shapes, shape{bar, barH / 2, colPipOff})
			if score > 0 {
				fill := bar
				fill.Max.X = dotsX + max(barH, (end-dotsX)*score/r.Max)
				l.shapes = append(l.shapes, shape{fill, barH / 2, col})
			}
		}
		x := end + gapDotsText
		s := cut(ff.score, fmt.Sprintf("%d/%d", score, r.Max), fixed.I(Width-marginX-x))
		l.centred(ff.score, colText, s, x, mid)
	}
	if more > 0 {
		mid := y + shown*rowLine + rowLine/2
		l.centred(ff.more, colMuted, fmt.Sprintf("+%d more", more), marginX, mid)
	}
}

// centred adds one line of text starting at x whose capitals are centred on mid.
func (l *layout) centred(f font.Face, col color.RGBA, s string, x, mid int) {
	capH := f.Metrics().CapHeight
	base := (fixed.I(mid) + capH/2).Round()
	l.texts = append(l.texts, text{f, col, fixed.P(x, base), s})
}

// footer adds the bottom row: the brand mark and the footer text on the left, the
// verdict badge on the right.
func (l *layout) footer(c Card, ff *faces, top int) {
	mid := top + markSize/2
	mark := image.Rect(marginX, top, marginX+markSize, top+markSize)
	l.shapes = append(l.shapes, shape{mark, 12, colAccent})
	vw := font.MeasureString(ff.mark, "V")
	l.centred(ff.mark, colWhite, "V", marginX+(markSize-vw.Round())/2, mid)

	footerX := marginX + markSize + 20
	footerEnd := Width - marginX
	verdictRoom := footerEnd - footerX - 2*pillPadX
	if c.Footer != "" {
		verdictRoom -= minFooterW + 32
	}
	if v := wrap(ff.verdict, c.Verdict, fixed.I(verdictRoom), 1); v != nil {
		w := font.MeasureString(ff.verdict, v[0]).Ceil() + 2*pillPadX
		pill := image.Rect(Width-marginX-w, top, Width-marginX, top+markSize)
		l.shapes = append(l.shapes, shape{pill, markSize / 2, colGood})
		l.centred(ff.verdict, colWhite, v[0], pill.Min.X+pillPadX, mid)
		footerEnd = pill.Min.X - 32
	}
	if f := wrap(ff.footer, c.Footer, fixed.I(footerEnd-footerX), 1); f != nil {
		l.centred(ff.footer, colMuted, f[0], footerX, mid)
	}
}
