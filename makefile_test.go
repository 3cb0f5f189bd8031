// The repository root holds only this test: it checks the Makefile, which lives here.
package versus_test

import (
	"os"
	"os/exec"
	"regexp"
	"strings"
	"testing"
)

// TestMakeHelp: every Makefile target has a "## target: description" line, and `make help`
// lists each target with that description.
func TestMakeHelp(t *testing.T) {
	src, err := os.ReadFile("Makefile")
	if err != nil {
		t.Fatal(err)
	}
	targets := regexp.MustCompile(`(?m)^([A-Za-z][A-Za-z0-9_-]*):([^=]|$)`).FindAllStringSubmatch(string(src), -1)
	if len(targets) == 0 {
		t.Fatal("no targets found in the Makefile")
	}
	documented := map[string]string{}
	for _, m := range regexp.MustCompile(`(?m)^## ([A-Za-z0-9_-]+): (.+)$`).FindAllStringSubmatch(string(src), -1) {
		documented[m[1]] = m[2]
	}
	for _, m := range targets {
		if documented[m[1]] == "" {
			t.Errorf("target %q has no %q line", m[1], "## "+m[1]+": description")
		}
	}

	if _, err := exec.LookPath("make"); err != nil {
		t.Skip("make is not installed")
	}
	out, err := exec.Command("make", "--no-print-directory", "-s", "help").CombinedOutput()
	if err != nil {
		t.Fatalf("make help: %v\n%s", err, out)
	}
	listed := map[string]string{}
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		name, desc, _ := strings.Cut(strings.TrimSpace(line), " ")
		listed[name] = strings.TrimSpace(desc)
	}
	for _, m := range targets {
		if got, want := listed[m[1]], documented[m[1]]; got != want {
			t.Errorf("make help says %s: %q, want %q", m[1], got, want)
		}
	}
}
