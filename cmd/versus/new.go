package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/versus-web/versus/internal/catalog"
)

// scaffold writes a draft criterion or article skeleton that passes versus check, so an
// author starts from a valid file and fills in the TODOs.
func scaffold(args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	fset := flag.NewFlagSet("versus new", flag.ContinueOnError)
	fset.SetOutput(stderr)
	dir := getenv("VERSUS_CONTENT")
	if dir == "" {
		dir = "content"
	}
	fset.StringVar(&dir, "content", dir, "content folder to write into (env VERSUS_CONTENT)")
	fset.Usage = func() {
		fmt.Fprint(stderr, "Usage:\n  versus new criterion SLUG [--content DIR]\n  versus new article \"TITLE\" [--content DIR]\n\nFlags:\n")
		fset.PrintDefaults()
	}
	if len(args) < 2 || strings.HasPrefix(args[0], "-") {
		if len(args) > 0 && (args[0] == "-h" || args[0] == "--help") {
			fset.Usage()
			return nil
		}
		fset.Usage()
		return exitCode(2)
	}
	kind, name := args[0], args[1]
	if err := fset.Parse(args[2:]); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return nil
		}
		return exitCode(2)
	}
	var path, text string
	switch kind {
	case "criterion":
		if !catalog.ValidSlug(name) {
			fmt.Fprintf(stderr, "versus new: %q is not a valid slug: use lower-case letters, digits and single hyphens\n", name)
			return exitCode(2)
		}
		outline, err := catalog.ReadOutline(os.DirFS(dir))
		if err != nil {
			return fmt.Errorf("reading %s: %w", filepath.Join(dir, "comparison.yaml"), err)
		}
		path, text = filepath.Join(dir, "criteria", name+".yaml"), criterionSkeleton(name, outline, time.Now())
	case "article":
		slug := catalog.Slugify(name)
		if slug == "" {
			fmt.Fprintf(stderr, "versus new: the title %q has no letters or digits to make a slug from\n", name)
			return exitCode(2)
		}
		path, text = filepath.Join(dir, "articles", slug+".md"), articleSkeleton(name, time.Now())
	default:
		fmt.Fprintf(stderr, "versus new: unknown kind %q; use criterion or article\n", kind)
		return exitCode(2)
	}
	if err := writeNew(path, text); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "wrote %s (a draft: fill in the TODOs, then remove \"draft: true\")\n", path)
	return nil
}

// writeNew creates path, refusing to overwrite an existing file.
func writeNew(path, text string) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if errors.Is(err, fs.ErrExist) {
		return fmt.Errorf("%s already exists; not overwriting it", path)
	}
	if err != nil {
		return err
	}
	if _, err := f.WriteString(text); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

func criterionSkeleton(slug string, o catalog.Outline, now time.Time) string {
	var b strings.Builder
	title := strings.ToUpper(slug[:1]) + strings.ReplaceAll(slug[1:], "-", " ")
	fmt.Fprintf(&b, `# A draft criterion: fill in every TODO, then delete "draft: true" to publish it.
# AUTHORING.md describes every field.
title: %s
group: %s  # one of: %s
order: 100
question: TODO Which question does this criterion answer?
draft: true
ratings:
`, title, o.Groups[0], strings.Join(o.Groups, ", "))
	for _, id := range o.Subjects {
		fmt.Fprintf(&b, `  %s:
    rating: 3
    summary: TODO One line for the comparison table.
    body: |
      TODO 120–300 words of Markdown: what %s offers here, with facts and their sources.
`, id, id)
	}
	fmt.Fprintf(&b, `verdict:
  winner: depends  # a subject id (%s), tie or depends
  rationale: |
    TODO A short paragraph: who wins and why, or what it depends on.
claims: []
sources: []
articles: []
reviewed: %[2]s  # the day you last checked it against its sources
changes:  # newest first: add an entry whenever the ratings, verdict, claims or facts change
  - date: %[2]s
    summary: TODO First published. The ratings and the verdict, in one or two sentences.
`, strings.Join(o.Subjects, ", "), now.Format("2006-01-02"))
	return b.String()
}

func articleSkeleton(title string, now time.Time) string {
	return fmt.Sprintf(`---
title: %q
summary: TODO One or two sentences for lists of articles.
published: %s
criteria: []
draft: true
---

TODO Write the article in Markdown. Start with a paragraph; use ## headings.
`, title, now.Format("2006-01-02"))
}
