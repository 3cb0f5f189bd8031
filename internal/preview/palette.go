package preview

import (
	"image"
	"image/color"
	"sync"
)

// coverageSteps is how many shades the palette has between a colour and the colour it is
// drawn on.
const coverageSteps = 16

// palette returns every colour a card is made of: the background, and each colour the
// card draws blended with the colour beneath it in steps of coverage. Edges drawn with 256
// levels of anti-aliasing map to the nearest step, which looks the same at any size and
// makes the PNG about a third the size of an RGB one. A colour drawn on a new pair of
// colours belongs here too; TestPalettedCloseToRGBA fails when a pixel comes out visibly
// different.
var palette = sync.OnceValue(func() color.Palette {
	p := color.Palette{colBackground}
	blend := func(fg, bg color.RGBA) {
		for k := 1; k <= coverageSteps; k++ {
			mix := func(b, f uint8) uint8 {
				return uint8((int(b)*(coverageSteps-k) + int(f)*k + coverageSteps/2) / coverageSteps)
			}
			p = append(p, color.RGBA{mix(bg.R, fg.R), mix(bg.G, fg.G), mix(bg.B, fg.B), 0xff})
		}
	}
	for _, fg := range []color.RGBA{colText, colMuted, colAccent, colGood, colPipOff} {
		blend(fg, colBackground)
	}
	for _, fg := range colSeries {
		blend(fg, colBackground)
		blend(fg, colPipOff) // the filled part of a score bar
	}
	blend(colWhite, colAccent) // the brand mark
	blend(colWhite, colGood)   // the verdict badge
	return p
})

// toPaletted maps every pixel of img to the nearest colour of the palette. The search
// runs once per distinct colour, of which a card has a thousand or so.
func toPaletted(img *image.RGBA) *image.Paletted {
	p := palette()
	out := image.NewPaletted(img.Bounds(), p)
	index := make(map[[3]uint8]uint8)
	var last [3]uint8
	var lastIndex uint8
	for i, j := 0, 0; i < len(img.Pix); i, j = i+4, j+1 {
		c := [3]uint8{img.Pix[i], img.Pix[i+1], img.Pix[i+2]}
		if j > 0 && c == last {
			out.Pix[j] = lastIndex
			continue
		}
		k, ok := index[c]
		if !ok {
			k = uint8(p.Index(color.RGBA{c[0], c[1], c[2], 0xff}))
			index[c] = k
		}
		out.Pix[j], last, lastIndex = k, c, k
	}
	return out
}
