package web

import (
	"context"
	"io"
	"strconv"
	"sync"

	"github.com/a-h/templ"

	"github.com/versus-web/versus/internal/catalog"
)

// The drawings of a chart are written in Go rather than templ because they are almost
// all numbers: templ formats every attribute through fmt.Sprint, which cost about 300
// allocations for a chart of three rows — a third of a compare page's. Appending the
// numbers to one buffer costs one.

// chartDrawing draws one layout of a chart as inline SVG: the scale's grid, then a
// track per row with a marker per subject that has a rating, each row a <g> of its own
// (with its values in data-v when the chart is Narrowable).
func chartDrawing(c Chart, l chartLayout, class string) templ.Component {
	return templ.ComponentFunc(func(_ context.Context, w io.Writer) error {
		rows := len(c.Rows)
		b := make([]byte, 0, 1200+400*rows)
		b = append(b, `<svg class="chart-svg `...)
		b = append(b, templ.EscapeString(class)...)
		b = append(b, `" viewBox="0 0 `...)
		b = appendNum(b, l.Width)
		b = append(b, ' ')
		b = appendNum(b, l.height(rows))
		b = append(b, `" role="img" aria-label="`...)
		b = append(b, templ.EscapeString(c.summary())...)
		b = append(b, `">`...)
		b = append(b, l.grid(rows)...)
		for i, row := range c.Rows {
			b = append(b, `<g`...)
			if c.Narrowable {
				b = append(b, ` data-v="`...)
				for s, v := range row.Values {
					if s > 0 {
						b = append(b, ' ')
					}
					b = appendNum(b, v)
				}
				b = append(b, '"')
			}
			b = append(b, `><text class="chart-label" x="`...)
			b = appendNum(b, l.labelX())
			b = append(b, `" y="`...)
			b = appendNum(b, l.labelY(i))
			b = append(b, `">`...)
			b = append(b, templ.EscapeString(l.label(row.Label))...)
			b = append(b, `</text> <line class="chart-track" x1="`...)
			b = appendNum(b, l.TrackLeft)
			b = append(b, `" x2="`...)
			b = appendNum(b, l.TrackRight)
			b = append(b, `" y1="`...)
			b = appendNum(b, l.trackY(i))
			b = append(b, `" y2="`...)
			b = appendNum(b, l.trackY(i))
			b = append(b, `"></line> `...)
			for s, v := range row.Values {
				if v > 0 {
					b = appendMarker(b, s, l.x(v), markerY(row, s, l.trackY(i)))
				}
			}
			b = append(b, `</g>`...)
		}
		b = append(b, `</svg>`...)
		_, err := w.Write(b)
		return err
	})
}

// grids holds each layout's grid by its number of rows: the same for every chart of
// that height.
var grids sync.Map // gridKey → string

type gridKey struct {
	layout chartLayout
	rows   int
}

// grid draws the scale's lines and numbers for a chart of rows rows.
func (l chartLayout) grid(rows int) string {
	if g, ok := grids.Load(gridKey{l, rows}); ok {
		return g.(string)
	}
	var b []byte
	for score := 1; score <= catalog.MaxScore; score++ {
		x := l.x(float64(score))
		b = append(b, `<line class="chart-grid" x1="`...)
		b = appendNum(b, x)
		b = append(b, `" x2="`...)
		b = appendNum(b, x)
		b = append(b, `" y1="`...)
		b = appendNum(b, l.Top)
		b = append(b, `" y2="`...)
		b = appendNum(b, l.axisY(rows)-14)
		b = append(b, `"></line> <text class="chart-axis" x="`...)
		b = appendNum(b, x)
		b = append(b, `" y="`...)
		b = appendNum(b, l.axisY(rows))
		b = append(b, `" text-anchor="middle">`...)
		b = strconv.AppendInt(b, int64(score), 10)
		b = append(b, `</text> `...)
	}
	g, _ := grids.LoadOrStore(gridKey{l, rows}, string(b))
	return g.(string)
}

// marker draws series i's shape alone, for a legend.
func marker(i int, x, y float64) templ.Component {
	return templ.ComponentFunc(func(_ context.Context, w io.Writer) error {
		_, err := w.Write(appendMarker(make([]byte, 0, 100), i, x, y))
		return err
	})
}

// appendMarker draws series i's shape at (x, y): circle, square, diamond, then
// triangle, so series differ by shape as well as colour.
func appendMarker(b []byte, i int, x, y float64) []byte {
	class := func(b []byte, element string) []byte {
		b = append(b, '<')
		b = append(b, element...)
		b = append(b, ` class="series series-`...)
		b = strconv.AppendInt(b, int64(i%4), 10)
		return append(b, `" `...)
	}
	switch i % 4 {
	case 0:
		b = class(b, "circle")
		b = append(b, `cx="`...)
		b = appendNum(b, x)
		b = append(b, `" cy="`...)
		b = appendNum(b, y)
		return append(b, `" r="6"></circle>`...)
	case 1:
		b = class(b, "rect")
		b = append(b, `x="`...)
		b = appendNum(b, x-5.5)
		b = append(b, `" y="`...)
		b = appendNum(b, y-5.5)
		return append(b, `" width="11" height="11"></rect>`...)
	case 2:
		b = class(b, "polygon")
		b = append(b, `points="`...)
		b = appendPoints(b, x, y-7, x+7, y, x, y+7, x-7, y)
		return append(b, `"></polygon>`...)
	default:
		b = class(b, "polygon")
		b = append(b, `points="`...)
		b = appendPoints(b, x, y-7, x+7, y+6, x-7, y+6)
		return append(b, `"></polygon>`...)
	}
}

// appendPoints writes x,y pairs as an SVG points list.
func appendPoints(b []byte, xy ...float64) []byte {
	for i := 0; i+1 < len(xy); i += 2 {
		if i > 0 {
			b = append(b, ' ')
		}
		b = appendNum(b, xy[i])
		b = append(b, ',')
		b = appendNum(b, xy[i+1])
	}
	return b
}

// appendNum writes v as briefly as it can be: most coordinates are whole numbers, which
// are much quicker to write as integers.
func appendNum(b []byte, v float64) []byte {
	if i := int64(v); float64(i) == v {
		return strconv.AppendInt(b, i, 10)
	}
	return strconv.AppendFloat(b, v, 'f', -1, 64)
}
