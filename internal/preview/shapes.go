package preview

import (
	"image"
	"image/color"

	"golang.org/x/image/vector"
)

// kappa places the control points of a cubic Bézier curve that approximates a quarter
// circle.
const kappa = 0.5522847

// fillRoundRect fills r in colour c with corners rounded to radius, anti-aliased.
// A square with radius half its side is a disc. r must lie inside dst.
func fillRoundRect(dst *image.RGBA, r image.Rectangle, radius float32, c color.RGBA) {
	w, h := float32(r.Dx()), float32(r.Dy())
	if w <= 0 || h <= 0 {
		return
	}
	rad := min(radius, w/2, h/2)
	k := kappa * rad
	z := vector.NewRasterizer(r.Dx(), r.Dy())
	z.MoveTo(rad, 0)
	z.LineTo(w-rad, 0)
	z.CubeTo(w-rad+k, 0, w, rad-k, w, rad)
	z.LineTo(w, h-rad)
	z.CubeTo(w, h-rad+k, w-rad+k, h, w-rad, h)
	z.LineTo(rad, h)
	z.CubeTo(rad-k, h, 0, h-rad+k, 0, h-rad)
	z.LineTo(0, rad)
	z.CubeTo(0, rad-k, rad-k, 0, rad, 0)
	z.ClosePath()
	z.Draw(dst, r, image.NewUniform(c), image.Point{})
}
