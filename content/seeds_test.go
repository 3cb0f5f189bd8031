package content

import (
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"unicode"

	"github.com/versus-web/versus/internal/catalog"
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

// seedFiles are the seed articles in seedDir, by the id the content gives them as sources.
var seedFiles = map[string]string{
	"seed-2021": "000_ad7d5f71231c4ffa.txt",
	"seed-2024": "001_6e1912831b75978b.txt",
}

// TestClaimPassagesInSeeds checks that each claim's passage is a place in its seed: a line
// with text on it and, if the passage names one, a sentence that paragraph has. A judged
// claim's paraphrase must share a significant word with the passage, which catches a
// passage number that points at the wrong line.
func TestClaimPassagesInSeeds(t *testing.T) {
	seeds := map[string][]string{}
	for id, name := range seedFiles {
		b, err := os.ReadFile(filepath.Join(seedDir, name))
		if errors.Is(err, fs.ErrNotExist) {
			t.Skipf("no seed articles in %s; nothing to compare against", seedDir)
		}
		if err != nil {
			t.Fatal(err)
		}
		seeds[id] = strings.Split(string(b), "\n")
	}
	cat, err := catalog.Load(FS(), catalog.Options{Drafts: true})
	if err != nil {
		t.Fatalf("content does not load:\n%v", err)
	}
	for _, c := range cat.Criteria {
		for _, cl := range c.Claims {
			where := fmt.Sprintf("criteria/%s.yaml: %s passage %s", c.Slug, cl.Source.ID, cl.Passage)
			lines, ok := seeds[cl.Source.ID]
			if !ok {
				t.Errorf("%s: %s is not a seed article; claims come from %s", where, cl.Source.ID, strings.Join(slices.Sorted(maps.Keys(seedFiles)), " and "))
				continue
			}
			if cl.Passage.Line > len(lines) || strings.TrimSpace(lines[cl.Passage.Line-1]) == "" {
				t.Errorf("%s: line %d of %s is blank or past its end", where, cl.Passage.Line, seedFiles[cl.Source.ID])
				continue
			}
			text := lines[cl.Passage.Line-1]
			if n := cl.Passage.Sentence; n > 0 {
				sentences := seedSentences(text)
				if n > len(sentences) {
					t.Errorf("%s: that paragraph has %d sentences", where, len(sentences))
					continue
				}
				text = sentences[n-1]
			}
			if cl.JudgedOn == nil && !sharesSignificantWord(cl.Text, text) {
				t.Errorf("%s: the claim shares no significant word with the passage; is the passage right?\n  claim:   %s\n  passage: %s",
					where, cl.Text, strings.TrimSpace(text))
			}
		}
	}
}

// seedSentences splits a seed paragraph into sentences as a reader counts them: a full
// stop, question or exclamation mark (perhaps with a closing quote) and a space end one,
// except after "vs"; a leading bullet or list number is not a sentence.
func seedSentences(paragraph string) []string {
	text := listMarker.ReplaceAllString(paragraph, "")
	var sentences []string
	start := 0
	for _, m := range sentenceEnd.FindAllStringIndex(text, -1) {
		if strings.HasSuffix(strings.ToLower(text[start:m[0]]), " vs") {
			continue
		}
		sentences = append(sentences, strings.TrimSpace(text[start:m[1]]))
		start = m[1]
	}
	if rest := strings.TrimSpace(text[start:]); rest != "" {
		sentences = append(sentences, rest)
	}
	return sentences
}

var (
	// Spaces include the no-break spaces the seeds are sprinkled with.
	listMarker  = regexp.MustCompile(`^[\s\p{Zs}]*(•|[0-9]+\.)[\s\p{Zs}]+`)
	sentenceEnd = regexp.MustCompile(`[.?!]["”’)]?[\s\p{Zs}]+`)
)

func TestSeedSentences(t *testing.T) {
	got := seedSentences("  2. Flexibility vs. Opinions: one.\u00a0Is it “best ?” Yes! Done")
	want := []string{"Flexibility vs. Opinions: one.", "Is it “best ?”", "Yes!", "Done"}
	if !slices.Equal(got, want) {
		t.Errorf("seedSentences = %q, want %q", got, want)
	}
}

// sharesSignificantWord reports whether two texts share a word of five letters or more
// that says something: not a common word, not a subject's name. Words match on their first
// five letters, so "secure" matches "security".
func sharesSignificantWord(a, b string) bool {
	stems := func(text string) map[string]bool {
		out := map[string]bool{}
		for _, w := range strings.Fields(strings.Join(wordRuns(text, 1), " ")) {
			if len([]rune(w)) >= 5 && !commonWords[w] {
				out[string([]rune(w)[:5])] = true
			}
		}
		return out
	}
	bs := stems(spun.Replace(strings.ToLower(b)))
	for s := range stems(a) {
		if bs[s] {
			return true
		}
	}
	return false
}

// spun undoes the synonyms the 2024 seed's rewording tool put in place of the usual terms
// ("occasion circle" for event loop), so that a faithful paraphrase still shares a word.
var spun = strings.NewReplacer(
	"occasion", "event",
	"versatility", "scalability",
	"simultaneousness", "concurrency",
	"infusion", "injection",
	"construction", "structure",
	"undertaking", "project",
)

// commonWords are words of five letters or more that do not tie a claim to a passage.
var commonWords = map[string]bool{}

func init() {
	for _, w := range strings.Fields(`django nodejs about above after again against along also although among
		another because before being below between both could does doing during each either every
		first further having other their there these those through under until where which while
		whose would should shall might their theirs themselves being since still thing things using
		without within really rather quite great other others always often never`) {
		commonWords[w] = true
	}
}
