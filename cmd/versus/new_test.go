package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/versus-web/versus/internal/fixture"
)

func TestNewWritesValidDrafts(t *testing.T) {
	dir := t.TempDir()
	fixture.CopySample(t, dir)
	vars := env(map[string]string{"VERSUS_CONTENT": dir})
	var out bytes.Buffer

	if err := run(context.Background(), []string{"new", "criterion", "cost-of-hosting"}, vars, &out, &out); err != nil {
		t.Fatalf("new criterion: %v\n%s", err, out.String())
	}
	if err := run(context.Background(), []string{"new", "article", "Hosting on a budget: 5 tips!"}, vars, &out, &out); err != nil {
		t.Fatalf("new article: %v\n%s", err, out.String())
	}
	criterion := filepath.Join(dir, "criteria", "cost-of-hosting.yaml")
	article := filepath.Join(dir, "articles", "hosting-on-a-budget-5-tips.md")
	for _, p := range []string{criterion, article} {
		if _, err := os.Stat(p); err != nil {
			t.Fatalf("skeleton not written: %v", err)
		}
	}

	// The skeletons are valid drafts.
	out.Reset()
	if err := run(context.Background(), []string{"check", "--drafts"}, vars, &out, &out); err != nil {
		t.Fatalf("check after new: %v\n%s", err, out.String())
	}

	// Publishing a skeleton unchanged is caught.
	b, _ := os.ReadFile(criterion)
	os.WriteFile(criterion, bytes.Replace(b, []byte("draft: true\n"), nil, 1), 0o644)
	out.Reset()
	if err := run(context.Background(), []string{"check"}, vars, &out, &out); err != exitCode(1) {
		t.Fatalf("check of a published skeleton: err = %v", err)
	}
	for _, want := range []string{
		"criteria/cost-of-hosting.yaml:6:11: TODO left in a published criterion",
		`criteria/cost-of-hosting.yaml:23:1: missing required field "sources"`,
		"criteria/cost-of-hosting.yaml:28:14: TODO left in a published criterion", // the first change's summary
	} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("check output lacks %q:\n%s", want, out.String())
		}
	}

	// new never overwrites.
	os.WriteFile(criterion, []byte("mine"), 0o644)
	err := run(context.Background(), []string{"new", "criterion", "cost-of-hosting"}, vars, &out, &out)
	if err == nil || !strings.Contains(err.Error(), "already exists") {
		t.Errorf("overwrite: err = %v", err)
	}
	if b, _ := os.ReadFile(criterion); string(b) != "mine" {
		t.Error("the existing file was changed")
	}
}

func TestNewRejectsBadInput(t *testing.T) {
	dir := t.TempDir()
	fixture.CopySample(t, dir)
	for _, args := range [][]string{
		{"new", "criterion", "Bad Slug"},
		{"new", "article", "!!!"},
		{"new", "recipe", "x"},
		{"new"},
	} {
		var out bytes.Buffer
		if err := run(context.Background(), append(args, "--content", dir), env(nil), &out, &out); err != exitCode(2) {
			t.Errorf("%v: err = %v, want exit status 2", args, err)
		}
	}
}
