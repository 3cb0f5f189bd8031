package web

import (
	"testing"
	"time"

	"github.com/versus-web/versus/internal/catalog"
)

func TestSourceDate(t *testing.T) {
	d := time.Date(2025, 3, 17, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		precision catalog.DatePrecision
		text, iso string
	}{
		{catalog.Day, "17 March 2025", "2025-03-17"},
		{catalog.Month, "March 2025", "2025-03"},
		{catalog.Year, "2025", "2025"},
	}
	for _, tt := range tests {
		date := catalog.Date{Time: d, Precision: tt.precision}
		if got := sourceDate(date); got != tt.text {
			t.Errorf("sourceDate(%v) = %q, want %q", tt.precision, got, tt.text)
		}
		if got := sourceISODate(date); got != tt.iso {
			t.Errorf("sourceISODate(%v) = %q, want %q", tt.precision, got, tt.iso)
		}
	}
}
