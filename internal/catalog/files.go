package catalog

import "strings"

// The shapes of the content files, as authors write them. Field names are the YAML keys;
// decoding is strict, so a key that is not listed here is reported as unknown.

type comparisonFile struct {
	Title       string        `yaml:"title"`
	Description string        `yaml:"description"`
	Subjects    []subjectYAML `yaml:"subjects"`
	Groups      []groupYAML   `yaml:"groups"`
}

type subjectYAML struct {
	ID             string `yaml:"id"`
	Name           string `yaml:"name"`
	Description    string `yaml:"description"`
	Kind           string `yaml:"kind"`
	Language       string `yaml:"language"`
	License        string `yaml:"license"`
	FirstRelease   string `yaml:"first_release"`
	Homepage       string `yaml:"homepage"`
	CurrentVersion string `yaml:"current_version"`
	LTSVersion     string `yaml:"lts_version"`
}

type groupYAML struct {
	ID          string `yaml:"id"`
	Title       string `yaml:"title"`
	Description string `yaml:"description"`
}

type sourceYAML struct {
	ID        string `yaml:"id"`
	Title     string `yaml:"title"`
	Publisher string `yaml:"publisher"`
	URL       string `yaml:"url"`
	Date      string `yaml:"date"`
	Kind      string `yaml:"kind"`
}

type criterionFile struct {
	Title    string                `yaml:"title"`
	Group    string                `yaml:"group"`
	Order    int                   `yaml:"order"`
	Question string                `yaml:"question"`
	Draft    bool                  `yaml:"draft"`
	Ratings  map[string]ratingYAML `yaml:"ratings"`
	Verdict  verdictYAML           `yaml:"verdict"`
	Claims   []claimYAML           `yaml:"claims"`
	Sources  []string              `yaml:"sources"`
	Articles []string              `yaml:"articles"`
	Reviewed string                `yaml:"reviewed"`
	Changes  []changeYAML          `yaml:"changes"`
}

type ratingYAML struct {
	Rating  int    `yaml:"rating"`
	Summary string `yaml:"summary"`
	Assumes string `yaml:"assumes"`
	Body    string `yaml:"body"`
}

type verdictYAML struct {
	Winner    string `yaml:"winner"`
	Rationale string `yaml:"rationale"`
}

type claimYAML struct {
	Source          string      `yaml:"source"`
	Passage         passageYAML `yaml:"passage"`
	See             string      `yaml:"see"`
	Claim           string      `yaml:"claim"`
	Judgement       string      `yaml:"judgement"`
	Evidence        string      `yaml:"evidence"`
	EvidenceSources []string    `yaml:"evidence_sources"`
}

// passageYAML is a claim's passage as written. YAML would read 49.10 as the number 49.1,
// so the text is kept as it stands in the file.
type passageYAML string

func (p *passageYAML) UnmarshalYAML(b []byte) error {
	s := strings.TrimSpace(string(b))
	if len(s) >= 2 && (s[0] == '"' || s[0] == '\'') && s[len(s)-1] == s[0] {
		s = s[1 : len(s)-1]
	}
	*p = passageYAML(s)
	return nil
}

type changeYAML struct {
	Date    string `yaml:"date"`
	Summary string `yaml:"summary"`
}

type articleFrontMatter struct {
	Title     string   `yaml:"title"`
	Summary   string   `yaml:"summary"`
	Published string   `yaml:"published"`
	Updated   string   `yaml:"updated"`
	Criteria  []string `yaml:"criteria"`
	Draft     bool     `yaml:"draft"`
}
