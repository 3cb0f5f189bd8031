package server

import (
	"net/http"
	"strings"
	"testing"

	"github.com/versus-web/versus/internal/fixture"
)

func TestMoreThanTwoSubjects(t *testing.T) {
	s := newTestServer(t, fixture.ThreeSubjects(t))
	home := get(t, s, http.MethodGet, "/").Body.String()
	for _, want := range []string{`scope="col">Flask</th>`, `name="s" value="flask"`, "<legend>Subjects</legend>"} {
		if !strings.Contains(home, want) {
			t.Errorf("home lacks %q", want)
		}
	}
	page := get(t, s, http.MethodGet, "/compare?s=flask&s=django").Body.String()
	if !strings.Contains(page, `scope="col">Flask</th>`) || strings.Contains(page, `scope="col">Node.js</th>`) {
		t.Error("/compare?s=flask&s=django does not show exactly Django and Flask")
	}
	if !strings.Contains(page, `value="flask" checked`) {
		t.Error("the Flask picker is not ticked")
	}
	decide := get(t, s, http.MethodGet, "/decide").Body.String()
	if !strings.Contains(decide, "Flask 8 of 20 points") {
		t.Error("the ranking does not include Flask")
	}
}
