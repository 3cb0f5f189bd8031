package server

import (
	"io/fs"
	"net/http"
	"os"
	"strings"
	"testing"
	"testing/fstest"
)

// threeSubjects is the sample content with a third subject, Flask, rated on every criterion.
func threeSubjects(t *testing.T) fs.FS {
	t.Helper()
	sample := os.DirFS("../catalog/testdata/sample")
	fsys := fstest.MapFS{}
	err := fs.WalkDir(sample, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(sample, p)
		text := string(b)
		switch {
		case p == "comparison.yaml":
			text = strings.Replace(text, "groups:", `  - id: flask
    name: Flask
    description: A small Python web framework.
    kind: framework
    language: Python
    license: BSD-3-Clause
    first_release: 2010-04-01
    homepage: https://flask.palletsprojects.com/
groups:`, 1)
		case strings.HasPrefix(p, "criteria/"):
			text = strings.Replace(text, "ratings:\n", "ratings:\n  flask:\n    rating: 2\n    summary: Flask summary.\n    body: |\n      Flask body.\n", 1)
		}
		fsys[p] = &fstest.MapFile{Data: []byte(text)}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return fsys
}

func TestMoreThanTwoSubjects(t *testing.T) {
	s := newTestServer(t, threeSubjects(t))
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
