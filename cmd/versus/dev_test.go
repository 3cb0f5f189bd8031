package main

import (
	"bufio"
	"context"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/versus-web/versus/internal/fixture"
)

// TestDevReload edits content under a running dev server: a broken edit keeps the last
// good catalog and shows the problem on every page; the fix replaces the catalog.
func TestDevReload(t *testing.T) {
	dir := t.TempDir()
	fixture.CopySample(t, dir)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	stdout, stderr := &syncBuffer{}, &syncBuffer{}
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, []string{"serve", "--dev", "--content", dir, "--addr", "127.0.0.1:0"}, env(nil), stdout, stderr)
	}()
	base := waitFor(t, stdout, regexp.MustCompile(`on (http://127\.0\.0\.1:\d+) in dev mode`))

	events := openEvents(t, base)
	first := events.next(t)

	security := filepath.Join(dir, "criteria", "security.yaml")
	original, _ := os.ReadFile(security)
	os.WriteFile(security, []byte(strings.Replace(string(original), "rating: 5", "rating: 9", 1)), 0o644)

	problem := "criteria/security.yaml:12:13: rating 9 is out of range"
	if gen := events.next(t); gen == first {
		t.Fatalf("generation did not change after the edit (%s)", gen)
	}
	for _, path := range []string{"/", "/criteria/security", "/compare?c=auth", "/no-such-page"} {
		body := fetch(t, base+path)
		if !strings.Contains(body, problem) || !strings.Contains(body, `class="dev-banner"`) {
			t.Errorf("%s: no banner with %q", path, problem)
		}
	}
	if body := fetch(t, base+"/criteria/security"); !strings.Contains(body, "Security out of the box") {
		t.Error("the last good catalog is not served after a broken edit")
	}
	if !strings.Contains(stderr.String(), problem) {
		t.Errorf("terminal did not print the problem; stderr: %s", stderr.String())
	}

	fixed := strings.Replace(string(original), "title: Security out of the box", "title: Security, fixed", 1)
	os.WriteFile(security, []byte(fixed), 0o644)
	events.next(t)
	body := fetch(t, base+"/criteria/security")
	if strings.Contains(body, "dev-banner") || !strings.Contains(body, "Security, fixed") {
		t.Error("fixing the file did not clear the banner and serve the new catalog")
	}
	if !strings.Contains(body, `src="/_dev/reload.js"`) {
		t.Error("dev pages lack the reload script")
	}
	cancel()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
}

type eventStream struct {
	lines chan string
}

// openEvents reads the dev server's event stream in the background.
func openEvents(t *testing.T, base string) *eventStream {
	t.Helper()
	resp, err := http.Get(base + "/_dev/events")
	if err != nil {
		t.Fatal(err)
	}
	if ct := resp.Header.Get("Content-Type"); ct != "text/event-stream" {
		t.Fatalf("event stream Content-Type = %q", ct)
	}
	t.Cleanup(func() { resp.Body.Close() })
	s := &eventStream{lines: make(chan string, 100)}
	go func() {
		sc := bufio.NewScanner(resp.Body)
		for sc.Scan() {
			if data, ok := strings.CutPrefix(sc.Text(), "data: "); ok {
				s.lines <- data
			}
		}
	}()
	return s
}

// next waits for the next generation number.
func (s *eventStream) next(t *testing.T) string {
	t.Helper()
	select {
	case gen := <-s.lines:
		return gen
	case <-time.After(10 * time.Second):
		t.Fatal("no event from the dev server")
		return ""
	}
}

func fetch(t *testing.T, url string) string {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return string(b)
}
