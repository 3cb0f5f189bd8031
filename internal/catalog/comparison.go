package catalog

import (
	"fmt"
	"io/fs"
)

var subjectKinds = []string{"runtime", "framework", "language", "library", "platform", "database"}

// loadComparison reads comparison.yaml: the title, the subjects and the groups. It
// returns the groups by id for criteria to find theirs.
func (l *loader) loadComparison() map[string]*Group {
	groups := map[string]*Group{}
	var raw comparisonFile
	doc := l.decodeComparison(&raw)
	if doc == nil {
		l.comparisonBroken = true
		return groups
	}
	l.cat.Title = required(doc, "$.title", "title", raw.Title)
	l.cat.Description = required(doc, "$.description", "description", raw.Description)
	l.loadSubjects(doc, raw.Subjects)
	l.loadGroups(doc, raw.Groups, groups)
	return groups
}

// decodeComparison reads comparison.yaml into raw, or reports why it cannot and returns nil.
func (l *loader) decodeComparison(raw *comparisonFile) *yamlDoc {
	const p = "comparison.yaml"
	if _, err := fs.Stat(l.fsys, p); err != nil {
		l.addf(p, 0, "missing; every content folder needs comparison.yaml with the title, subjects and groups")
		return nil
	}
	src := l.read(p)
	if src == nil {
		return nil
	}
	doc, ok := decodeYAML(p, 0, src, raw, &l.problems)
	if !ok {
		return nil
	}
	return doc
}

// loadSubjects adds the subjects in the order authors listed them, which is the order
// every page shows them in.
func (l *loader) loadSubjects(doc *yamlDoc, subjects []subjectYAML) {
	if len(subjects) < 2 {
		doc.add("$.subjects", fmt.Sprintf("subjects: need at least 2 to compare, found %d", len(subjects)))
	}
	for i, s := range subjects {
		at := fmt.Sprintf("$.subjects[%d]", i)
		subject := &Subject{
			ID:             l.slug(doc, at+".id", "id", s.ID),
			Name:           required(doc, at+".name", "name", s.Name),
			Description:    required(doc, at+".description", "description", s.Description),
			Kind:           oneOf(doc, at+".kind", "kind", s.Kind, subjectKinds),
			Language:       required(doc, at+".language", "language", s.Language),
			License:        required(doc, at+".license", "license", s.License),
			FirstRelease:   date(doc, at+".first_release", "first_release", s.FirstRelease, true),
			Homepage:       webURL(doc, at+".homepage", "homepage", s.Homepage, true),
			CurrentVersion: s.CurrentVersion,
			LTSVersion:     s.LTSVersion,
		}
		if subject.ID == "" {
			continue
		}
		if subject.ID == string(VerdictTie) || subject.ID == string(VerdictDepends) {
			doc.add(at+".id", fmt.Sprintf("subject id %q is reserved for verdicts", subject.ID))
			continue
		}
		if _, dup := l.cat.subjects[subject.ID]; dup {
			doc.add(at+".id", fmt.Sprintf("duplicate subject id %q", subject.ID))
			continue
		}
		l.cat.subjects[subject.ID] = subject
		l.cat.Subjects = append(l.cat.Subjects, subject)
	}
}

// loadGroups adds the groups in the order authors listed them, and to groups by id.
func (l *loader) loadGroups(doc *yamlDoc, raw []groupYAML, groups map[string]*Group) {
	if len(raw) == 0 {
		doc.add("$.groups", "groups: need at least one group")
	}
	for i, g := range raw {
		at := fmt.Sprintf("$.groups[%d]", i)
		group := &Group{
			ID:          l.slug(doc, at+".id", "id", g.ID),
			Title:       required(doc, at+".title", "title", g.Title),
			Description: g.Description,
		}
		if group.ID == "" {
			continue
		}
		if _, dup := groups[group.ID]; dup {
			doc.add(at+".id", fmt.Sprintf("duplicate group id %q", group.ID))
			continue
		}
		groups[group.ID] = group
		l.cat.Groups = append(l.cat.Groups, group)
	}
}
