package content

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode"
)

// seedDir holds the source articles the comparison was written from. Every sentence of the
// site must be fresh, so no run of runLength words may appear in both.
const (
	seedDir   = "../../shared/seeds"
	runLength = 8
)

func TestNoRunCopiedFromSeeds(t *testing.T) {
	seeds, _ := filepath.Glob(filepath.Join(seedDir, "*.txt"))
	if len(seeds) == 0 {
		t.Skipf("no seed articles in %s; nothing to compare against", seedDir)
	}
	seedRuns := map[string]string{}
	for _, path := range seeds {
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		for _, run := range wordRuns(string(b), runLength) {
			seedRuns[run] = filepath.Base(path)
		}
	}
	err := fs.WalkDir(FS(), ".", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(FS(), path)
		if err != nil {
			return err
		}
		for _, run := range wordRuns(string(b), runLength) {
			if seed, ok := seedRuns[run]; ok {
				t.Errorf("%s: %q also appears in seed %s; rewrite it", path, run, seed)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

func TestWordRuns(t *testing.T) {
	got := wordRuns("It’s one, two-three!", 2)
	want := []string{"its one", "one two", "two three"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Fatalf("wordRuns = %q, want %q", got, want)
	}
}

// wordRuns returns every run of n consecutive words, lower-cased, with punctuation dropped
// and apostrophes joined ("it’s" becomes "its").
func wordRuns(text string, n int) []string {
	text = strings.NewReplacer("'", "", "’", "").Replace(strings.ToLower(text))
	words := strings.FieldsFunc(text, func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	})
	var runs []string
	for i := 0; i+n <= len(words); i++ {
		runs = append(runs, strings.Join(words[i:i+n], " "))
	}
	return runs
}
