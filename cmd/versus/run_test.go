package main

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/versus-web/versus/internal/fixture"
)

func env(vars map[string]string) func(string) string {
	return func(key string) string { return vars[key] }
}

func TestCheckEmbeddedContentIsClean(t *testing.T) {
	var stdout, stderr bytes.Buffer
	if err := run(context.Background(), []string{"check"}, env(nil), &stdout, &stderr); err != nil {
		t.Fatalf("check: %v\n%s%s", err, stdout.String(), stderr.String())
	}
	if !strings.Contains(stdout.String(), "embedded content: ok") {
		t.Errorf("stdout = %q", stdout.String())
	}
}

func TestCheckReportsBrokenContent(t *testing.T) {
	dir := t.TempDir()
	fixture.CopySample(t, dir)
	path := filepath.Join(dir, "criteria", "security.yaml")
	b, _ := os.ReadFile(path)
	os.WriteFile(path, bytes.Replace(b, []byte("rating: 5"), []byte("rating: 9"), 1), 0o644)

	var stdout, stderr bytes.Buffer
	// The content folder comes from the environment here, to cover the fallback.
	err := run(context.Background(), []string{"check"}, env(map[string]string{"VERSUS_CONTENT": dir}), &stdout, &stderr)
	if err != exitCode(1) {
		t.Fatalf("err = %v, want exit status 1", err)
	}
	want := filepath.ToSlash(dir) + "/criteria/security.yaml:12:13: rating 9 is out of range; use 1 to 5\n"
	if stdout.String() != want {
		t.Errorf("stdout = %q, want %q", stdout.String(), want)
	}
	if !strings.Contains(stderr.String(), "1 problem(s)") {
		t.Errorf("stderr = %q", stderr.String())
	}

	// serve refuses to start on the same content.
	stdout.Reset()
	stderr.Reset()
	err = run(context.Background(), []string{"serve", "--content", dir, "--addr", "127.0.0.1:0"}, env(nil), &stdout, &stderr)
	if err == nil || !strings.Contains(err.Error(), "not starting") || !strings.Contains(stderr.String(), "rating 9") {
		t.Errorf("serve: err = %v, stderr = %q", err, stderr.String())
	}
}

// TestCheckReportsBrokenLinks: links are checked against the rendered pages, by check
// and by serve.
func TestCheckReportsBrokenLinks(t *testing.T) {
	dir := t.TempDir()
	fixture.CopySample(t, dir)
	path := filepath.Join(dir, "articles", "overview.md")
	b, _ := os.ReadFile(path)
	os.WriteFile(path, bytes.Replace(b, []byte("(/criteria/security)"), []byte("(/criteria/security#claims)"), 1), 0o644)

	var stdout, stderr bytes.Buffer
	err := run(context.Background(), []string{"check", "--content", dir}, env(nil), &stdout, &stderr)
	want := filepath.ToSlash(dir) + `/articles/overview.md:8: link to unknown anchor "#claims" on /criteria/security` + "\n"
	if err != exitCode(1) || stdout.String() != want {
		t.Errorf("check: err = %v, stdout = %q, want %q", err, stdout.String(), want)
	}
	stderr.Reset()
	err = run(context.Background(), []string{"serve", "--content", dir, "--addr", "127.0.0.1:0"}, env(nil), &stdout, &stderr)
	if err == nil || !strings.Contains(err.Error(), "not starting") || !strings.Contains(stderr.String(), `"#claims"`) {
		t.Errorf("serve: err = %v, stderr = %q", err, stderr.String())
	}
}

func TestUsage(t *testing.T) {
	tests := []struct {
		args     []string
		err      error
		contains string
	}{
		{[]string{"help"}, nil, "versus check [flags]"},
		{[]string{"version"}, nil, "versus devel ("},
		{[]string{"--help"}, nil, "VERSUS_ADDR"},
		{[]string{"serve", "--help"}, nil, "VERSUS_BASE_URL"},
		{[]string{"check", "--help"}, nil, "VERSUS_CONTENT"},
		{[]string{"frobnicate"}, exitCode(2), `unknown command "frobnicate"`},
		{[]string{"serve", "--bogus"}, exitCode(2), "flag provided but not defined"},
		{[]string{"check", "extra"}, exitCode(2), `unexpected argument "extra"`},
		{[]string{"check", "--content", "/does/not/exist"}, exitCode(1), "no such file"},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			var out bytes.Buffer
			err := run(context.Background(), tt.args, env(nil), &out, &out)
			if err != tt.err {
				t.Errorf("err = %v, want %v", err, tt.err)
			}
			if !strings.Contains(out.String(), tt.contains) {
				t.Errorf("output lacks %q:\n%s", tt.contains, out.String())
			}
		})
	}
}

// TestInvalidBooleanEnvironment: a boolean variable that is not a boolean stops the
// program at start, naming the variable, its value and the values it accepts, instead of
// silently meaning false.
func TestInvalidBooleanEnvironment(t *testing.T) {
	const accepted = "true, false, 1, 0, t, f, T, F, TRUE, FALSE, True, False"
	tests := []struct {
		args []string
		env  map[string]string
		want []string // lines of stderr
	}{
		{[]string{"check"}, map[string]string{"VERSUS_DRAFTS": "yes"},
			[]string{`versus check: environment variable VERSUS_DRAFTS="yes" is not a boolean; use one of ` + accepted}},
		{[]string{"serve", "--addr", "127.0.0.1:0"}, map[string]string{"VERSUS_DEV": "on"},
			[]string{`versus serve: environment variable VERSUS_DEV="on" is not a boolean; use one of ` + accepted}},
		// A flag on the command line does not excuse the variable; both bad ones are named.
		{[]string{"serve", "--addr", "127.0.0.1:0", "--drafts=false"}, map[string]string{"VERSUS_DRAFTS": "Yes please", "VERSUS_DEV": "2"},
			[]string{`versus serve: environment variable VERSUS_DRAFTS="Yes please" is not a boolean; use one of ` + accepted,
				`versus serve: environment variable VERSUS_DEV="2" is not a boolean; use one of ` + accepted}},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			// Cancelled, so that a server which wrongly starts stops at once.
			ctx, cancel := context.WithCancel(context.Background())
			cancel()
			var stdout, stderr bytes.Buffer
			err := run(ctx, tt.args, env(tt.env), &stdout, &stderr)
			if err != exitCode(2) {
				t.Errorf("err = %v, want exit status 2", err)
			}
			if want := strings.Join(tt.want, "\n") + "\n"; stderr.String() != want {
				t.Errorf("stderr = %q\nwant     %q", stderr.String(), want)
			}
		})
	}
	// Every value the message names works.
	for _, v := range strings.Split(accepted, ", ") {
		var out bytes.Buffer
		if err := run(context.Background(), []string{"check"}, env(map[string]string{"VERSUS_DRAFTS": v}), &out, &out); err != nil {
			t.Errorf("VERSUS_DRAFTS=%s: %v\n%s", v, err, out.String())
		}
	}
}

// TestServe starts the real program on a free port, fetches pages and shuts it down.
func TestServe(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	stdout := &syncBuffer{}
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, []string{"--addr", "127.0.0.1:0", "--base-url", "https://versus.example/"}, env(nil), stdout, io.Discard)
	}()
	addr := waitFor(t, stdout, regexp.MustCompile(`on (http://127\.0\.0\.1:\d+)`))
	for path, want := range map[string]string{
		"/":                   `<link rel="canonical" href="https://versus.example/">`,
		"/healthz":            "ok",
		"/criteria/security":  "What the sources say",
		"/compare?c=security": "Showing 1 of",
	} {
		resp, err := http.Get(addr + path)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != 200 || !strings.Contains(string(body), want) {
			t.Errorf("GET %s: %d, body lacks %q", path, resp.StatusCode, want)
		}
	}
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("run: %v", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("server did not shut down")
	}
}

// waitFor waits for the program to print re. The deadline is generous: serve renders
// and compresses every page before it listens, and under -race, with every package's
// tests sharing two cores in CI, that has taken over 30 s (issue 10 makes start-up cheap).
func waitFor(t *testing.T, out *syncBuffer, re *regexp.Regexp) string {
	t.Helper()
	deadline := time.Now().Add(3 * time.Minute)
	for time.Now().Before(deadline) {
		if m := re.FindStringSubmatch(out.String()); m != nil {
			return m[1]
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Fatalf("server did not start; output: %s", out.String())
	return ""
}

type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// TestServeFlagsRefused: values serve cannot work with stop it at once, saying why.
func TestServeFlagsRefused(t *testing.T) {
	for _, tt := range []struct {
		args []string
		want string
	}{
		{[]string{"--base-url", "versus.example"}, "is not an absolute http or https URL"},
		{[]string{"--base-url", "ftp://versus.example"}, "is not an absolute http or https URL"},
		{[]string{"--base-url", "https://versus.example/compare?x=1"}, "must be an origin only"},
		{[]string{"--license", "My License"}, `--license "My License" needs --license-url`},
		{[]string{"--license", "Mine", "--license-url", "not a url"}, "is not an absolute http or https URL"},
		{[]string{"--log-format", "xml"}, `--log-format "xml" is not a log format; use text or json`},
		{[]string{"--log-level", "loud"}, `invalid value "loud" for flag -log-level`},
		{[]string{"--shutdown-grace", "-1s"}, "--shutdown-grace -1s is negative"},
		{[]string{"--shutdown-grace", "soon"}, `invalid value "soon" for flag -shutdown-grace`},
		{[]string{"--query-limit", "-2"}, "--query-limit -2 is negative"},
		{[]string{"--trusted-proxies", "10.0.0.0/8,localhost"}, `"localhost" is neither an IP address nor a CIDR prefix`},
	} {
		var stderr bytes.Buffer
		err := run(context.Background(), append([]string{"serve", "--addr", "127.0.0.1:0"}, tt.args...), env(nil), io.Discard, &stderr)
		if code, ok := err.(exitCode); !ok || code != 2 {
			t.Errorf("%v: err = %v, want exit status 2", tt.args, err)
		}
		if !strings.Contains(stderr.String(), tt.want) {
			t.Errorf("%v: stderr %q lacks %q", tt.args, stderr.String(), tt.want)
		}
	}
}

// TestBadEnvironmentValues: a variable serve cannot use stops it at start, named.
func TestBadEnvironmentValues(t *testing.T) {
	for key, want := range map[string]string{
		"VERSUS_SHUTDOWN_GRACE":  `environment variable VERSUS_SHUTDOWN_GRACE="soon" is not a duration`,
		"VERSUS_QUERY_LIMIT":     `environment variable VERSUS_QUERY_LIMIT="soon" is not a whole number`,
		"VERSUS_LOG_LEVEL":       `environment variable VERSUS_LOG_LEVEL="soon" is not a log level`,
		"VERSUS_TRUSTED_PROXIES": `environment variable VERSUS_TRUSTED_PROXIES: "soon" is neither an IP address`,
	} {
		var stderr bytes.Buffer
		err := run(context.Background(), []string{"serve", "--addr", "127.0.0.1:0"}, env(map[string]string{key: "soon"}), io.Discard, &stderr)
		if err != exitCode(2) || !strings.Contains(stderr.String(), want) {
			t.Errorf("%s=soon: err %v, stderr %q", key, err, stderr.String())
		}
	}
}

// TestBadAddressFailsAtOnce: an address serve cannot listen on is reported before any
// content is loaded, naming the flag.
func TestBadAddressFailsAtOnce(t *testing.T) {
	busy, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer busy.Close()
	for _, addr := range []string{busy.Addr().String(), "127.0.0.1:99999", "no-such-host.invalid:80"} {
		var stdout bytes.Buffer
		err := run(context.Background(), []string{"serve", "--addr", addr}, env(nil), &stdout, io.Discard)
		if err == nil || !strings.HasPrefix(err.Error(), "--addr "+addr+": ") {
			t.Errorf("--addr %s: err = %v", addr, err)
		}
		if strings.Contains(stdout.String(), "loading") {
			t.Errorf("--addr %s: content loaded before the address failed", addr)
		}
	}
	var stderr bytes.Buffer
	err = run(context.Background(), []string{"serve", "--addr", "127.0.0.1:0", "--metrics-addr", busy.Addr().String()}, env(nil), io.Discard, &stderr)
	if err == nil || !strings.Contains(err.Error(), "--metrics-addr") {
		t.Errorf("busy --metrics-addr: err = %v", err)
	}
}

// TestServeWithoutBaseURL says at start what a missing base URL costs, and serves the
// operator's license on every page.
func TestServeWithoutBaseURL(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	stdout, stderr := &syncBuffer{}, &syncBuffer{}
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, []string{"--addr", "127.0.0.1:0"}, env(map[string]string{"VERSUS_LICENSE": "CC BY-SA 4.0"}), stdout, stderr)
	}()
	addr := waitFor(t, stdout, regexp.MustCompile(`on (http://127\.0\.0\.1:\d+)`))
	// The warning goes through the asynchronous log sink, so it may trail the stdout line.
	waitFor(t, stderr, regexp.MustCompile(`(--base-url is not set)[^\n]*preview`))
	resp, err := http.Get(addr + "/about")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if !strings.Contains(string(body), `<a href="https://creativecommons.org/licenses/by-sa/4.0/" rel="license">CC BY-SA 4.0</a>`) {
		t.Error("the about page does not state the configured license")
	}
	cancel()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
}

// TestREADMEListsEveryFlag keeps the README's table of flags and variables complete.
func TestREADMEListsEveryFlag(t *testing.T) {
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	for _, command := range []string{"serve", "export"} {
		fset, _, _ := flags(command, env(nil), io.Discard)
		fset.VisitAll(func(f *flag.Flag) { checkREADMERow(t, string(readme), f) })
	}
}

// checkREADMERow: the README's table has a row for the flag and its variable.
func checkREADMERow(t *testing.T, readme string, f *flag.Flag) {
	t.Helper()
	envVar := regexp.MustCompile(`env (VERSUS_[A-Z_]+)`).FindStringSubmatch(f.Usage)
	if envVar == nil {
		t.Errorf("--%s names no environment variable", f.Name)
		return
	}
	row := fmt.Sprintf("| `--%s` | `%s` |", f.Name, envVar[1])
	if !strings.Contains(readme, row) {
		t.Errorf("README.md has no row %s", row)
	}
}
