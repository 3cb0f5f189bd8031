package preview

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"golang.org/x/image/font"
)

// criterion is a typical card: a criterion of a two-subject comparison.
var criterion = Card{
	Kicker:   "Node.js vs Django · Security",
	Title:    "Protection against cross-site request forgery",
	Subtitle: "Does the framework protect forms from CSRF attacks by default?",
	Ratings:  []Rating{{"Node.js", 2, 5}, {"Django", 5, 5}},
	Verdict:  "Verdict: Django",
	Footer:   "versus.example",
}

// samples are the cards the tests draw; PREVIEW_SAMPLES=DIR go test -run TestWriteSamples
// writes each one to DIR to look at.
var samples = []struct {
	name string
	card Card
}{
	{"criterion", criterion},
	{"article", Card{
		Kicker:   "Article",
		Title:    "How we score frameworks: the method behind every verdict",
		Subtitle: "Each criterion is a question with a scale from one to five; this article explains who answers it, which sources count, and what a tie means.",
		Footer:   "versus.example",
	}},
	{"home", Card{
		Title:    "Versus",
		Subtitle: "Honest side-by-side comparisons of the tools you are choosing between.",
		Footer:   "versus.example",
	}},
	{"comparison", Card{
		Kicker:  "Comparison · 4 subjects · 12 criteria",
		Title:   "PostgreSQL vs MySQL vs SQLite vs MongoDB",
		Ratings: []Rating{{"PostgreSQL", 48, 60}, {"MySQL", 41, 60}, {"SQLite", 33, 60}, {"MongoDB", 37, 60}},
		Verdict: "Verdict: It depends",
		Footer:  "versus.example",
	}},
	{"empty", Card{}},
}

// hostile are cards whose text cannot fit where it goes.
var hostile = []struct {
	name string
	card Card
}{
	{"long title", Card{Title: strings.Repeat("Protection against cross-site request forgery ", 8), Footer: "versus.example"}},
	{"long subtitle", Card{Title: "CSRF", Subtitle: strings.Repeat("Does the framework protect forms by default? ", 12)}},
	{"unbroken word", Card{
		Kicker:   strings.Repeat("K", 200),
		Title:    strings.Repeat("W", 200),
		Subtitle: strings.Repeat("m", 200),
		Ratings:  []Rating{{strings.Repeat("S", 200), 3, 5}},
		Verdict:  strings.Repeat("V", 200),
		Footer:   strings.Repeat("f", 200),
	}},
	{"many ratings", Card{
		Kicker:   "A vs B vs C vs D vs E vs F vs G vs H vs I vs J vs K vs L · Operations over a long time",
		Title:    "A criterion whose title is long enough to need the second line and then some more words",
		Subtitle: "And a question that would like a line of its own as well, if there were room for it.",
		Ratings: []Rating{
			{"Alpha", 1, 5}, {"Bravo", 2, 5}, {"Charlie", 3, 5}, {"Delta", 4, 5}, {"Echo", 5, 5}, {"Foxtrot", 0, 5},
			{"Golf", 9, 10}, {"Hotel", 1000, 1000}, {"India", 7, 0}, {"Juliet", -3, 5}, {"Kilo", 8, 5}, {"Lima", 2, 3},
		},
		Verdict: "Verdict: It depends on what you need most, and on who runs it, and where",
		Footer:  "versus.example.with.a.very.long.host.name.that.goes.on.and.on.example.com",
	}},
	{"wide scores", Card{Title: "Scores", Ratings: []Rating{
		{"Wide", 123456789, 1234567890}, {strings.Repeat("Name ", 30), 10, 10}, {"", 1, 1},
	}}},
	{"letters the font lacks", Card{
		Kicker:  strings.Repeat("日本語 · ", 30),
		Title:   strings.Repeat("日本語のタイトル", 20),
		Ratings: []Rating{{strings.Repeat("😀", 30), 2, 5}},
		Verdict: strings.Repeat("判定", 40),
		Footer:  strings.Repeat("例", 40),
	}},
	{"white space and control characters", Card{
		Title:    "\n\n\tTitle\x00with\x1b[31mcontrols\r\nand   runs  of   space\u2028end",
		Subtitle: " \t\n ",
		Footer:   "\x7f",
	}},
}

func render(t testing.TB, c Card) []byte {
	t.Helper()
	b, err := PNG(c)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// renders keeps each sample's PNG, drawn once, for the tests that only look at it;
// drawing is slow under the race detector.
var renders sync.Map // name → []byte

func rendered(t testing.TB, name string, c Card) []byte {
	t.Helper()
	if b, ok := renders.Load(name); ok {
		return b.([]byte)
	}
	b := render(t, c)
	renders.Store(name, b)
	return b
}

func decode(t testing.TB, b []byte) image.Image {
	t.Helper()
	img, err := png.Decode(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	return img
}

func at(img image.Image, x, y int) color.RGBA {
	if p, ok := img.(*image.Paletted); ok {
		return p.Palette[p.Pix[p.PixOffset(x, y)]].(color.RGBA)
	}
	return color.RGBAModel.Convert(img.At(x, y)).(color.RGBA)
}

func TestPNGSize(t *testing.T) {
	for _, s := range append(samples, hostile...) {
		t.Run(s.name, func(t *testing.T) {
			b := rendered(t, s.name, s.card)
			img := decode(t, b)
			if got := img.Bounds(); got != image.Rect(0, 0, Width, Height) {
				t.Errorf("bounds = %v, want 1200×630", got)
			}
			if len(b) > 60_000 {
				t.Errorf("PNG is %d bytes, want under 60 kB", len(b))
			}
		})
	}
}

func TestSameCardSameBytes(t *testing.T) {
	a, b := render(t, criterion), render(t, criterion)
	if !bytes.Equal(a, b) {
		t.Error("two renderings of the same card differ")
	}
}

func TestDifferentCardsDifferentBytes(t *testing.T) {
	variants := map[string]func(*Card){
		"criterion":   func(*Card) {},
		"title":       func(c *Card) { c.Title = "Protection against cross-site scripting" },
		"kicker":      func(c *Card) { c.Kicker = "Node.js vs Django · Speed" },
		"subtitle":    func(c *Card) { c.Subtitle = "" },
		"score":       func(c *Card) { c.Ratings = []Rating{{"Node.js", 3, 5}, {"Django", 5, 5}} },
		"subject":     func(c *Card) { c.Ratings = []Rating{{"Node.js", 2, 5}, {"Rails", 5, 5}} },
		"max":         func(c *Card) { c.Ratings = []Rating{{"Node.js", 2, 4}, {"Django", 5, 5}} },
		"one rating":  func(c *Card) { c.Ratings = c.Ratings[:1] },
		"verdict":     func(c *Card) { c.Verdict = "Verdict: It depends" },
		"no verdict":  func(c *Card) { c.Verdict = "" },
		"footer":      func(c *Card) { c.Footer = "versus.test" },
		"no footer":   func(c *Card) { c.Footer = "" },
		"no ratings":  func(c *Card) { c.Ratings = nil },
		"swap scores": func(c *Card) { c.Ratings = []Rating{{"Node.js", 5, 5}, {"Django", 2, 5}} },
	}
	seen := make(map[string]string)
	for name, change := range variants {
		c := criterion
		change(&c)
		b := string(render(t, c))
		if other, ok := seen[b]; ok {
			t.Errorf("cards %q and %q give the same PNG", name, other)
		}
		seen[b] = name
	}
}

// TestInkInsideMargins draws every card and checks that outside the text box there is
// only background, except the accent band along the top edge; and that nothing of the
// body reaches into the gap above the footer row.
func TestInkInsideMargins(t *testing.T) {
	footerTop := Height - marginBottom - markSize
	inside := image.Rect(marginX, marginTop, Width-marginX, Height-marginBottom)
	gap := image.Rect(0, footerTop-gapBeforeFooter, Width, footerTop)
	for _, s := range append(samples, hostile...) {
		t.Run(s.name, func(t *testing.T) {
			img := decode(t, rendered(t, s.name, s.card))
			bad := 0
			for y := range Height {
				for x := range Width {
					p := image.Pt(x, y)
					want := colBackground
					switch {
					case y < bandHeight:
						want = colAccent
					case p.In(inside) && !p.In(gap):
						continue
					}
					if got := at(img, x, y); got != want && bad < 5 {
						bad++
						t.Errorf("pixel (%d,%d) = %v, want %v", x, y, got, want)
					}
				}
			}
			ink := 0
			for y := inside.Min.Y; y < inside.Max.Y; y++ {
				for x := inside.Min.X; x < inside.Max.X; x++ {
					if at(img, x, y) != colBackground {
						ink++
					}
				}
			}
			if ink == 0 {
				t.Error("nothing drawn inside the margins")
			}
		})
	}
}

// TestTextFits checks every line the layout places: it must lie within the text box.
func TestTextFits(t *testing.T) {
	fs, err := fonts()
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range append(samples, hostile...) {
		ff, err := newFaces(fs)
		if err != nil {
			t.Fatal(err)
		}
		for _, tx := range layOut(s.card, ff).texts {
			right := tx.dot.X + font.MeasureString(tx.face, tx.s)
			if tx.dot.X.Floor() < marginX || right.Ceil() > Width-marginX {
				t.Errorf("%s: %q spans x %d..%d, outside %d..%d", s.name, tx.s, tx.dot.X.Floor(), right.Ceil(), marginX, Width-marginX)
			}
			if strings.ContainsAny(tx.s, "\x00\x1b\r\n\t\x7f") {
				t.Errorf("%s: %q has control characters", s.name, tx.s)
			}
		}
	}
}

func TestLayoutAdapts(t *testing.T) {
	fs, err := fonts()
	if err != nil {
		t.Fatal(err)
	}
	lines := func(c Card) (title, sub int) {
		ff, err := newFaces(fs)
		if err != nil {
			t.Fatal(err)
		}
		for _, tx := range layOut(c, ff).texts {
			switch tx.face {
			case ff.title:
				title++
			case ff.subtitle:
				sub++
			}
		}
		return title, sub
	}
	long := Card{
		Title:    strings.Repeat("Long title words ", 20),
		Subtitle: strings.Repeat("Does the framework protect forms by default? ", 12),
	}
	withRatings := long
	withRatings.Ratings = criterion.Ratings
	title, subWithout := lines(long)
	if title != 3 {
		t.Errorf("title lines without ratings = %d, want 3", title)
	}
	title, subWith := lines(withRatings)
	if title != 2 {
		t.Errorf("title lines with ratings = %d, want 2", title)
	}
	if subWithout <= subWith || subWith < 1 {
		t.Errorf("subtitle lines: %d without ratings, %d with; want more without, and at least 1", subWithout, subWith)
	}
	if _, sub := lines(Card{Subtitle: long.Subtitle}); sub != 3 {
		t.Errorf("subtitle lines with no title = %d, want 3", sub)
	}
}

// TestRatingDots reads the dots back from the PNG: along each row's middle, the runs of
// the subject's series colour and of pip-off must number the score and the rest of Max,
// and each dot's centre must have the right colour.
func TestRatingDots(t *testing.T) {
	c := Card{
		Title: "Dots",
		Ratings: []Rating{
			{"Zero", 0, 5}, {"Two", 2, 5}, {"All", 5, 5}, {"Over", 9, 4}, {"Under", -2, 3},
		},
	}
	wantOn := []int{0, 2, 5, 4, 0}
	wantMax := []int{5, 5, 5, 4, 3}

	fs, err := fonts()
	if err != nil {
		t.Fatal(err)
	}
	ff, err := newFaces(fs)
	if err != nil {
		t.Fatal(err)
	}
	var mids []int // middle of each row, from the layout's dots
	for _, d := range layOut(c, ff).dots {
		if len(mids) == 0 || mids[len(mids)-1] != d.center.Y {
			mids = append(mids, d.center.Y)
		}
	}
	if len(mids) != len(c.Ratings) {
		t.Fatalf("dots in %d rows, want %d", len(mids), len(c.Ratings))
	}

	img := decode(t, render(t, c))
	for i, y := range mids {
		series := colSeries[i%len(colSeries)]
		on, off := 0, 0
		var centres []int
		for x := 0; x < Width; {
			p := at(img, x, y)
			if p != series && p != colPipOff {
				x++
				continue
			}
			start := x
			for x < Width && at(img, x, y) == p {
				x++
			}
			if p == series {
				on++
			} else {
				off++
			}
			centres = append(centres, (start+x-1)/2)
		}
		if on != wantOn[i] || on+off != wantMax[i] {
			t.Errorf("row %d (%s): %d filled and %d empty dots, want %d of %d",
				i, c.Ratings[i].Subject, on, off, wantOn[i], wantMax[i])
			continue
		}
		for j, x := range centres {
			want := colPipOff
			if j < wantOn[i] {
				want = series
			}
			if got := at(img, x, y); got != want {
				t.Errorf("row %d dot %d at x=%d is %v, want %v", i, j, x, got, want)
			}
			if j > 0 && abs(x-centres[j-1]-dotPitch) > 1 {
				t.Errorf("row %d dots %d and %d are %d px apart, want %d", i, j-1, j, x-centres[j-1], dotPitch)
			}
		}
	}
}

// TestScoreText checks that each row says its score in words as well as in dots.
func TestScoreText(t *testing.T) {
	fs, err := fonts()
	if err != nil {
		t.Fatal(err)
	}
	ff, err := newFaces(fs)
	if err != nil {
		t.Fatal(err)
	}
	c := Card{Title: "T", Ratings: []Rating{{"A", 4, 5}, {"B", 9, 4}, {"C", 48, 60}, {"D", 1, 0}}}
	var got []string
	for _, tx := range layOut(c, ff).texts {
		if tx.face == ff.score {
			got = append(got, tx.s)
		}
	}
	if want := []string{"4/5", "4/4", "48/60"}; fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("score texts = %q, want %q", got, want)
	}
}

// TestPalettedCloseToRGBA checks that the palette has a near colour for every pixel a
// card draws: a colour drawn over a pair the palette does not know would come out wrong.
func TestPalettedCloseToRGBA(t *testing.T) {
	fs, err := fonts()
	if err != nil {
		t.Fatal(err)
	}
	if n := len(palette()); n > 256 {
		t.Fatalf("palette has %d colours, over 256", n)
	}
	const tolerance = 12 // of 255, per channel; half a coverage step is about 7
	for _, s := range append(samples, hostile...) {
		ff, err := newFaces(fs)
		if err != nil {
			t.Fatal(err)
		}
		rgba := paint(layOut(s.card, ff))
		pal := toPaletted(rgba)
		worst := 0
		for i, k := range pal.Pix {
			a, b := rgba.Pix[4*i:4*i+3], pal.Palette[k].(color.RGBA)
			worst = max(worst, absDiff(a[0], b.R), absDiff(a[1], b.G), absDiff(a[2], b.B))
		}
		if worst > tolerance {
			t.Errorf("%s: a paletted pixel is %d away from its RGBA colour, want at most %d", s.name, worst, tolerance)
		}
	}
}

func abs(n int) int { return max(n, -n) }

func absDiff(a, b uint8) int {
	if a > b {
		return int(a - b)
	}
	return int(b - a)
}

func TestConcurrentRendering(t *testing.T) {
	cards := append(samples[:3:3], hostile[2:4]...)
	want := make([][]byte, len(cards))
	for i, s := range cards {
		want[i] = rendered(t, s.name, s.card)
	}
	var wg sync.WaitGroup
	for round := range 2 {
		for i, s := range cards {
			wg.Go(func() {
				b, err := PNG(s.card)
				if err != nil {
					t.Error(err)
					return
				}
				if !bytes.Equal(b, want[i]) {
					t.Errorf("round %d: %s differs when drawn concurrently", round, s.name)
				}
			})
		}
	}
	wg.Wait()
}

func TestWriteSamples(t *testing.T) {
	dir := os.Getenv("PREVIEW_SAMPLES")
	if dir == "" {
		t.Skip("set PREVIEW_SAMPLES=DIR to write the sample cards to DIR")
	}
	for _, s := range append(samples, hostile...) {
		b := render(t, s.card)
		name := "preview-" + strings.ReplaceAll(s.name, " ", "-") + ".png"
		if err := os.WriteFile(filepath.Join(dir, name), b, 0o644); err != nil {
			t.Fatal(err)
		}
		t.Logf("%s: %d bytes", name, len(b))
	}
}

func BenchmarkPNG(b *testing.B) {
	for b.Loop() {
		if _, err := PNG(criterion); err != nil {
			b.Fatal(err)
		}
	}
}
