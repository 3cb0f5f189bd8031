package web

import (
	"strings"
	"testing"

	"github.com/versus-web/versus/internal/query"
)

func TestNoticeText(t *testing.T) {
	tests := []struct {
		n    query.Notice
		want string
	}{
		{query.Notice{Param: "c", Reason: query.Unknown, Values: []string{"speed"}}, "Unknown criterion “speed” was ignored."},
		{query.Notice{Param: "c", Reason: query.Unknown, Values: []string{"speed", "cost"}}, "Unknown criteria “speed”, “cost” were ignored."},
		{query.Notice{Param: "g", Reason: query.Unknown, Values: []string{"nope"}}, "Unknown group “nope” was ignored."},
		{query.Notice{Param: "s", Reason: query.Unknown, Values: []string{"rails"}}, "Unknown subject “rails” was ignored."},
		{query.Notice{Param: "c", Reason: query.NoneKnown}, "No known criteria were chosen, so all are shown."},
		{query.Notice{Param: "s", Reason: query.NoneKnown}, "No known subjects were chosen, so all are shown."},
		{query.Notice{Param: "w", Reason: query.Unknown, Values: []string{"speed"}}, "Unknown criteria ignored: “speed”."},
		{query.Notice{Param: "w", Reason: query.Malformed, Values: []string{"security:9", "auth:x"}}, "Weights must be whole numbers from 0 to 3; ignored: “security:9”, “auth:x”."},
		{query.Notice{Param: "c", Reason: query.Unknown, Values: []string{strings.Repeat("x", 100)}}, "Unknown criterion “" + strings.Repeat("x", 60) + "…” was ignored."},
	}
	for _, tt := range tests {
		if got := noticeText(tt.n); got != tt.want {
			t.Errorf("noticeText(%+v) = %q, want %q", tt.n, got, tt.want)
		}
	}
	twelve := strings.Split("a b c d e f g h i j k l", " ")
	if got := quotedList(twelve); !strings.HasSuffix(got, "“j” and 2 more") {
		t.Errorf("quotedList of 12 = %q", got)
	}
}
