package catalog

import "fmt"

var sourceKinds = []string{"article", "docs", "benchmark", "survey", "release", "paper", "repository"}

// loadSources reads one file of sources/, a list. Ids are unique across all the files.
func (l *loader) loadSources(p string) {
	src := l.read(p)
	if src == nil {
		l.sourcesBroken = true
		return
	}
	var raw []sourceYAML
	doc, ok := decodeYAML(p, 0, src, &raw, &l.problems)
	if !ok {
		l.sourcesBroken = true
		return
	}
	for i, s := range raw {
		at := fmt.Sprintf("$[%d]", i)
		source := &Source{
			ID:        l.slug(doc, at+".id", "id", s.ID),
			Title:     required(doc, at+".title", "title", s.Title),
			Publisher: required(doc, at+".publisher", "publisher", s.Publisher),
			URL:       webURL(doc, at+".url", "url", s.URL, false),
			Date:      partialDate(doc, at+".date", "date", s.Date),
			Kind:      oneOf(doc, at+".kind", "kind", s.Kind, sourceKinds),
		}
		if source.ID == "" {
			continue
		}
		if _, dup := l.cat.sources[source.ID]; dup {
			doc.add(at+".id", fmt.Sprintf("duplicate source id %q (ids are unique across sources/*.yaml)", source.ID))
			continue
		}
		l.cat.sources[source.ID] = source
		l.cat.Sources = append(l.cat.Sources, source)
	}
}

// source resolves a source id cited at the YAML path at, reporting an unknown one unless a
// broken file in sources/ may define it.
func (l *loader) source(doc *yamlDoc, at, id string) *Source {
	if id == "" {
		doc.add(at, "missing source id")
		return nil
	}
	if s, ok := l.cat.sources[id]; ok {
		return s
	}
	if l.sourcesBroken {
		return nil
	}
	if hint := didYouMean(id, l.sourceIDs()); hint != "" {
		doc.add(at, fmt.Sprintf("unknown source %q%s", id, hint))
		return nil
	}
	doc.add(at, fmt.Sprintf("unknown source %q; add it to a file in sources/", id))
	return nil
}
