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

// TestExport: versus export writes the sample content, takes flags after the folder,
// writes again over its own export, and refuses a folder with someone else's files.
func TestExport(t *testing.T) {
	content := t.TempDir()
	fixture.CopySample(t, content)
	out := filepath.Join(t.TempDir(), "site")
	tests := []struct {
		name       string
		args       []string
		want       error
		wantStdout string
		wantStderr string
	}{
		{"no folder", []string{"export", "--content", content}, exitCode(2), "", "name the folder"},
		{"two folders", []string{"export", "--content", content, out, "other"}, exitCode(2), "", `unexpected argument "other"`},
		{"bad base URL", []string{"export", "--base-url", "versus.example.com", out}, exitCode(2), "", "--base-url"},
		{"flags after the folder", []string{"export", out, "--content", content, "--base-url", "https://versus.example.com"}, nil, "files (", ""},
		{"again, over its own export", []string{"export", "--content", content, "--base-url", "https://versus.example.com", out}, nil, "MB", ""},
		{"someone else's folder", []string{"export", "--content", content, filepath.Dir(content)}, exitCode(1), "", "not a previous export"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			err := run(context.Background(), tt.args, env(nil), &stdout, &stderr)
			if err != tt.want {
				t.Fatalf("err = %v, want %v\nstderr: %s", err, tt.want, stderr.String())
			}
			if !strings.Contains(stdout.String(), tt.wantStdout) || !strings.Contains(stderr.String(), tt.wantStderr) {
				t.Errorf("stdout = %q, stderr = %q; want %q and %q", stdout.String(), stderr.String(), tt.wantStdout, tt.wantStderr)
			}
		})
	}
	for _, name := range []string{"index.html", "index.html.gz", "index.html.br", "404.html", "feed.xml", "sitemap.xml", "api/v1/criteria.json", "_headers", ".versus-export"} {
		if _, err := os.Stat(filepath.Join(out, name)); err != nil {
			t.Errorf("the export has no %s: %v", name, err)
		}
	}
}
