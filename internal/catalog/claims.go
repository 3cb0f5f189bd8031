package catalog

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
)

// Claims: "What the sources say". Each claim names the passage of its source that makes
// it, and each passage is judged once, on the criterion it belongs to. Another criterion
// that touches the passage refers to that judgement with see: instead of judging it again,
// so two pages can never give one passage different verdicts.

var passagePattern = regexp.MustCompile(`^([1-9][0-9]*)(?:\.([1-9][0-9]*))?$`)

// criterionClaims builds the claims of one criterion. References are resolved later, by
// checkClaims, once every criterion is built.
func (l *loader) criterionClaims(d *criterionDraft) {
	for i, cl := range d.raw.Claims {
		at := fmt.Sprintf("$.claims[%d]", i)
		claim := Claim{
			Source:  l.source(d.doc, at+".source", cl.Source),
			Passage: passage(d.doc, at+".passage", string(cl.Passage)),
		}
		if cl.See != "" {
			l.reference(d, at, cl)
		} else {
			l.judgedClaim(d, at, fmt.Sprintf("claim-%d-", i+1), cl, &claim)
		}
		d.c.Claims = append(d.c.Claims, claim)
	}
	// A page lists a passage once, whether it judges it or refers to its judgement; two
	// judgements of one passage are checkClaims' report.
	for i, cl := range d.c.Claims {
		for j, prev := range d.c.Claims[:i] {
			if d.raw.Claims[i].See == "" && d.raw.Claims[j].See == "" {
				continue
			}
			if sameSource(cl, prev) && cl.Passage.overlaps(prev.Passage) {
				line, _ := d.doc.pos(fmt.Sprintf("$.claims[%d].passage", j))
				d.doc.add(fmt.Sprintf("$.claims[%d].passage", i), fmt.Sprintf("%s passage %s is already listed on this page, at line %d; list it once",
					cl.Source.ID, cl.Passage, line))
				break
			}
		}
	}
}

// judgedClaim checks a claim judged on this page and renders its evidence, whose headings
// get ids starting with idPrefix.
func (l *loader) judgedClaim(d *criterionDraft, at, idPrefix string, cl claimYAML, claim *Claim) {
	doc := d.doc
	claim.Text = required(doc, at+".claim", "claim", cl.Claim)
	claim.Judgement = Judgement(oneOf(doc, at+".judgement", "judgement", cl.Judgement, judgementStrings()))
	if required(doc, at+".evidence", "evidence", cl.Evidence) != "" {
		claim.Evidence = l.renderField(&d.c.Refs, doc, at+".evidence", cl.Evidence, idPrefix)
	}
	if len(cl.EvidenceSources) == 0 {
		doc.add(at, `missing required field "evidence_sources" (the source ids that back the judgement)`)
	}
	for j, id := range cl.EvidenceSources {
		if s := l.source(doc, fmt.Sprintf("%s.evidence_sources[%d]", at, j), id); s != nil {
			claim.EvidenceSources = append(claim.EvidenceSources, s)
		}
	}
}

// reference checks a claim that another criterion judges: it names the criterion, and
// carries nothing that belongs to the judgement.
func (l *loader) reference(d *criterionDraft, at string, cl claimYAML) {
	doc := d.doc
	switch {
	case !slugPattern.MatchString(cl.See):
		doc.add(at+".see", fmt.Sprintf("see %q is not a criterion slug", cl.See))
	case cl.See == d.slug:
		doc.add(at+".see", "see names this criterion itself; judge the claim here, or name the criterion that judges it")
	case !l.criterionFiles[cl.See]:
		doc.add(at+".see", fmt.Sprintf("unknown criterion %q%s", cl.See, didYouMean(cl.See, sortedKeys(l.criterionFiles))))
	}
	var extra []string
	for _, f := range []struct {
		name string
		set  bool
	}{{"claim", cl.Claim != ""}, {"judgement", cl.Judgement != ""}, {"evidence", cl.Evidence != ""}, {"evidence_sources", cl.EvidenceSources != nil}} {
		if f.set {
			extra = append(extra, f.name)
		}
	}
	if len(extra) > 0 {
		doc.add(at+"."+extra[0], fmt.Sprintf("a claim judged on another page (see: %s) takes only source, passage and see; remove %s",
			cl.See, strings.Join(extra, ", ")))
	}
}

// passage reads where in its source a claim is made: LINE or LINE.SENTENCE.
func passage(doc *yamlDoc, at, value string) Passage {
	if value == "" {
		doc.add(at, `missing required field "passage" (the line of the source that makes the claim, or LINE.SENTENCE)`)
		return Passage{}
	}
	m := passagePattern.FindStringSubmatch(value)
	if m == nil {
		doc.add(at, fmt.Sprintf("passage %q is not a place in the source; write its line, or LINE.SENTENCE for one sentence of it, such as 49 or 49.2", value))
		return Passage{}
	}
	p := Passage{}
	p.Line, _ = strconv.Atoi(m[1])
	if m[2] != "" {
		p.Sentence, _ = strconv.Atoi(m[2])
	}
	return p
}

func sameSource(a, b Claim) bool {
	return a.Source != nil && a.Source == b.Source && a.Passage.Line > 0 && b.Passage.Line > 0
}

// judgedAt is a claim judged on a criterion's page, where its passage is written.
type judgedAt struct {
	d     *criterionDraft
	claim Claim
	line  int
}

// checkClaims runs once every criterion is built, with the criteria in file order so
// that reports are stable. It reports a passage judged twice, on one page or two, and
// resolves each reference to the claim it names.
func checkClaims(criteria []*criterionDraft) {
	judged := map[*Source][]judgedAt{}
	bySlug := map[string]*criterionDraft{}
	for _, d := range criteria {
		bySlug[d.slug] = d
		for i, cl := range d.c.Claims {
			if d.raw.Claims[i].See != "" || cl.Source == nil || cl.Passage.Line == 0 {
				continue
			}
			at := fmt.Sprintf("$.claims[%d].passage", i)
			line, _ := d.doc.pos(at)
			for _, prev := range judged[cl.Source] {
				if prev.claim.Passage.overlaps(cl.Passage) {
					d.doc.add(at, judgedTwice(d, cl, prev))
					break
				}
			}
			judged[cl.Source] = append(judged[cl.Source], judgedAt{d: d, claim: cl, line: line})
		}
	}
	for _, d := range criteria {
		for i := range d.c.Claims {
			if see := d.raw.Claims[i].See; see != "" {
				resolve(d, i, bySlug[see])
			}
		}
	}
}

// judgedTwice says that claim cl of d judges what prev already judges, and what to do.
func judgedTwice(d *criterionDraft, cl Claim, prev judgedAt) string {
	what := fmt.Sprintf("%s passage %s", cl.Source.ID, cl.Passage)
	if cl.Passage != prev.claim.Passage {
		what += fmt.Sprintf(" overlaps passage %s, which", prev.claim.Passage)
	}
	where := fmt.Sprintf("in %s:%d", prev.d.doc.path, prev.line)
	fix := "refer to it with see: " + prev.d.slug
	if prev.d == d {
		where = fmt.Sprintf("at line %d of this page", prev.line)
		fix = "keep one of the two"
	}
	verdicts := ""
	if cl.Judgement != "" && prev.claim.Judgement != "" && cl.Judgement != prev.claim.Judgement {
		verdicts = fmt.Sprintf(" as %s, and here as %s", prev.claim.Judgement, cl.Judgement)
	}
	return fmt.Sprintf("%s is already judged %s%s; judge each passage once, on the page it belongs to, and %s", what, where, verdicts, fix)
}

// resolve points reference i of d at the claim its target criterion judges. A target
// whose file could not be used (nil) is reported on its own.
func resolve(d *criterionDraft, i int, target *criterionDraft) {
	cl := &d.c.Claims[i]
	if target == nil || target == d || cl.Source == nil || cl.Passage.Line == 0 {
		return
	}
	at := fmt.Sprintf("$.claims[%d].see", i)
	what := fmt.Sprintf("%s passage %s", cl.Source.ID, cl.Passage)
	for j, t := range target.c.Claims {
		if t.Source != cl.Source || t.Passage != cl.Passage {
			continue
		}
		switch see := target.raw.Claims[j].See; {
		case see != "":
			d.doc.add(at, fmt.Sprintf("%s is not judged on %s: that page refers to %s for it; write see: %s", what, target.slug, see, see))
		case target.raw.Draft && !d.raw.Draft:
			d.doc.add(at, fmt.Sprintf("%s is judged on %s, a draft that readers cannot see; publish it, or judge the claim here", what, target.slug))
		default:
			cl.Text, cl.Judgement, cl.JudgedOn = t.Text, t.Judgement, target.c
		}
		return
	}
	for j, t := range target.c.Claims {
		if target.raw.Claims[j].See == "" && (t.Source == nil || t.Passage.Line == 0) {
			return // that claim's source or passage is unusable, and reported; it may be the one
		}
	}
	d.doc.add(at, fmt.Sprintf("%s has no claim on %s passage %s; judge it there, or name the criterion that does", target.doc.path, cl.Source.ID, cl.Passage))
}
