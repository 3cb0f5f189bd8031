package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"maps"
	"net"
	"net/http"
	"net/url"
	"os"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/versus-web/versus/content"
	"github.com/versus-web/versus/internal/assets"
	"github.com/versus-web/versus/internal/buildinfo"
	"github.com/versus-web/versus/internal/catalog"
	"github.com/versus-web/versus/internal/server"
	"github.com/versus-web/versus/static"
	"github.com/versus-web/versus/web"
)

// exitCode ends the program with a status after its output has been written.
type exitCode int

func (e exitCode) Error() string { return "exit status " + strconv.Itoa(int(e)) }

const usage = `Versus serves a side-by-side comparison website from Markdown and YAML content.

Usage:
  versus [serve] [flags]             serve the site (the default command)
  versus serve --dev [flags]         serve content/ from disk and reload on every edit
  versus check [flags]               validate the content and list every problem
  versus new criterion SLUG [flags]  write a draft criterion skeleton
  versus new article "TITLE" [flags] write a draft article skeleton
  versus version                     print the version and commit of this build
  versus healthcheck [--url URL]     exit 0 if the server on VERSUS_ADDR is ready (for containers)
  versus help                        show this help

Run "versus serve --help" or "versus check --help" for the flags of each command.
Every flag can also be set through the environment variable shown with it.
`

// config is what the flags and environment select.
type config struct {
	addr    string
	content string
	static  string
	baseURL string
	license web.License
	drafts  bool
	dev     bool
}

// flags defines the flags a command shares, each with its environment fallback. The error
// names every environment variable whose value the flag cannot take.
func flags(name string, getenv func(string) string, stderr io.Writer) (*flag.FlagSet, *config, error) {
	cfg := &config{}
	var envErrs []error
	fset := flag.NewFlagSet("versus "+name, flag.ContinueOnError)
	fset.SetOutput(stderr)
	env := func(key, fallback string) string {
		if v := getenv(key); v != "" {
			return v
		}
		return fallback
	}
	fset.StringVar(&cfg.content, "content", env("VERSUS_CONTENT", ""),
		"content folder on disk (env VERSUS_CONTENT); default: the content embedded in the binary")
	envBool := func(key string) bool {
		v := getenv(key)
		if v == "" {
			return false
		}
		b, err := strconv.ParseBool(v)
		if err != nil {
			envErrs = append(envErrs, fmt.Errorf("environment variable %s=%q is not a boolean; use one of %s", key, v, boolValues))
		}
		return b
	}
	fset.BoolVar(&cfg.drafts, "drafts", envBool("VERSUS_DRAFTS"),
		"include drafts and articles scheduled for the future (env VERSUS_DRAFTS)")
	if name == "serve" {
		fset.StringVar(&cfg.addr, "addr", env("VERSUS_ADDR", "127.0.0.1:8080"),
			"address to listen on (env VERSUS_ADDR)")
		fset.StringVar(&cfg.baseURL, "base-url", env("VERSUS_BASE_URL", ""),
			"public URL of the site, e.g. https://versus.example.com: canonical links, link previews, sitemap and feed need it (env VERSUS_BASE_URL)")
		fset.StringVar(&cfg.license.Name, "license", env("VERSUS_LICENSE", web.DefaultLicense.Name),
			"license readers may reuse the text and data under, shown on every page and in the API (env VERSUS_LICENSE)")
		fset.StringVar(&cfg.license.URL, "license-url", env("VERSUS_LICENSE_URL", ""),
			"URL of the license's text (env VERSUS_LICENSE_URL); known for "+strings.Join(slices.Sorted(maps.Keys(knownLicenses)), ", "))
		fset.BoolVar(&cfg.dev, "dev", envBool("VERSUS_DEV"),
			"dev mode: serve --content (default content) and --static from disk, reload on every change, show content problems on every page (env VERSUS_DEV)")
		fset.StringVar(&cfg.static, "static", env("VERSUS_STATIC", ""),
			"static folder on disk, for dev mode (env VERSUS_STATIC); default: static/ in dev mode if present, else the embedded files")
	}
	fset.Usage = func() {
		fmt.Fprintf(stderr, "Usage: versus %s [flags]\n\nFlags:\n", name)
		fset.PrintDefaults()
	}
	return fset, cfg, errors.Join(envErrs...)
}

// knownLicenses are licenses whose legal text need not be given with --license-url.
var knownLicenses = map[string]string{
	"CC BY 4.0":    "https://creativecommons.org/licenses/by/4.0/",
	"CC BY-SA 4.0": "https://creativecommons.org/licenses/by-sa/4.0/",
	"CC0 1.0":      "https://creativecommons.org/publicdomain/zero/1.0/",
}

// validate checks the values serve cannot work with and completes the license.
func (cfg *config) validate() error {
	if cfg.baseURL != "" {
		u, err := url.Parse(cfg.baseURL)
		switch {
		case err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "":
			return fmt.Errorf("--base-url %q is not an absolute http or https URL, e.g. https://versus.example.com", cfg.baseURL)
		case strings.Trim(u.Path, "/") != "" || u.RawQuery != "" || u.Fragment != "" || u.User != nil:
			return fmt.Errorf("--base-url %q must be an origin only (scheme and host): the site is served from the root of its host", cfg.baseURL)
		}
	}
	if cfg.license.URL == "" {
		cfg.license.URL = knownLicenses[cfg.license.Name]
	}
	if cfg.license.Name == "" || cfg.license.URL == "" {
		return fmt.Errorf("--license %q needs --license-url, the address of its text", cfg.license.Name)
	}
	if u, err := url.Parse(cfg.license.URL); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return fmt.Errorf("--license-url %q is not an absolute http or https URL", cfg.license.URL)
	}
	return nil
}

// boolValues are the values strconv.ParseBool, and so a boolean flag, accepts.
const boolValues = "true, false, 1, 0, t, f, T, F, TRUE, FALSE, True, False"

// run is the whole program; main only wires it to the process.
func run(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	command := "serve"
	if len(args) > 0 && !strings.HasPrefix(args[0], "-") {
		command, args = args[0], args[1:]
	}
	switch command {
	case "help":
		fmt.Fprint(stdout, usage)
		return nil
	case "version":
		fmt.Fprintln(stdout, "versus", buildinfo.Get())
		return nil
	case "serve", "check":
	case "new":
		return scaffold(args, getenv, stdout, stderr)
	case "healthcheck":
		return healthcheck(args, getenv, stdout, stderr)
	default:
		fmt.Fprintf(stderr, "versus: unknown command %q\n\n%s", command, usage)
		return exitCode(2)
	}
	if len(args) > 0 && (args[0] == "-h" || args[0] == "--help" || args[0] == "-help") && command == "serve" {
		// "versus --help" shows the overview as well as serve's flags.
		fmt.Fprint(stderr, usage+"\n")
	}
	fset, cfg, envErr := flags(command, getenv, stderr)
	if err := fset.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return nil
		}
		return exitCode(2)
	}
	if envErr != nil {
		// A value that means nothing is refused rather than read as false, even when a
		// flag overrides it: the environment is wrong, and the next run may rely on it.
		for _, line := range strings.Split(envErr.Error(), "\n") { // one per variable
			fmt.Fprintf(stderr, "versus %s: %s\n", command, line)
		}
		return exitCode(2)
	}
	if fset.NArg() > 0 {
		fmt.Fprintf(stderr, "versus %s: unexpected argument %q\n", command, fset.Arg(0))
		return exitCode(2)
	}
	if command == "check" {
		return check(cfg, stdout, stderr)
	}
	if err := cfg.validate(); err != nil {
		fmt.Fprintf(stderr, "versus %s: %v\n", command, err)
		return exitCode(2)
	}
	if cfg.dev {
		if cfg.content == "" {
			cfg.content = "content"
		}
		if info, err := os.Stat("static"); cfg.static == "" && err == nil && info.IsDir() {
			cfg.static = "static"
		}
	}
	return serve(ctx, cfg, stdout, stderr)
}

func contentFS(cfg *config) (fs.FS, string, error) {
	if cfg.content == "" {
		return content.FS(), "embedded content", nil
	}
	info, err := os.Stat(cfg.content)
	if err != nil {
		return nil, "", fmt.Errorf("content folder %s: %w", cfg.content, err)
	}
	if !info.IsDir() {
		return nil, "", fmt.Errorf("content folder %s is not a folder", cfg.content)
	}
	return os.DirFS(cfg.content), cfg.content, nil
}

func loadCatalog(cfg *config) (*catalog.Catalog, string, error) {
	fsys, name, err := contentFS(cfg)
	if err != nil {
		return nil, "", err
	}
	cat, err := catalog.Load(fsys, catalog.Options{Drafts: cfg.drafts})
	return cat, name, err
}

// check prints every content problem, prefixed with the content folder, and exits 1 if
// there are any. Once the content loads, every page is rendered (not compressed) and the
// content's links are checked against them, as serving would.
func check(cfg *config, stdout, stderr io.Writer) error {
	cat, name, err := loadCatalog(cfg)
	if err == nil {
		var files *assets.Assets
		if files, err = newAssets(cfg); err == nil {
			err = server.Check(cat, files)
		}
	}
	var problems catalog.Problems
	switch {
	case errors.As(err, &problems):
		for _, p := range problems {
			if cfg.content != "" {
				p.Path = strings.TrimSuffix(cfg.content, "/") + "/" + p.Path
			}
			fmt.Fprintln(stdout, p)
		}
		fmt.Fprintf(stderr, "%d problem(s) in %s\n", len(problems), name)
		return exitCode(1)
	case err != nil:
		fmt.Fprintln(stderr, "versus check:", err)
		return exitCode(1)
	}
	fmt.Fprintf(stdout, "%s: ok (%d subjects, %d criteria, %d articles, %d sources)\n",
		name, len(cat.Subjects), len(cat.Criteria), len(cat.Articles), len(cat.Sources))
	return nil
}

// staticFS is the static files: embedded, or the --static folder.
func staticFS(cfg *config) fs.FS {
	if cfg.static != "" {
		return os.DirFS(cfg.static)
	}
	return static.FS()
}

// newAssets prepares the static files for a reload.
func newAssets(cfg *config) (*assets.Assets, error) { return server.Assets(staticFS(cfg)) }

func serve(ctx context.Context, cfg *config, stdout, stderr io.Writer) error {
	log := slog.New(slog.NewTextHandler(stderr, nil))
	fsys, name, err := contentFS(cfg)
	if err != nil {
		return err
	}
	srv, err := server.Open(fsys, staticFS(cfg), catalog.Options{Drafts: cfg.drafts},
		server.Options{BaseURL: cfg.baseURL, License: cfg.license, Logger: log, Dev: cfg.dev})
	var problems catalog.Problems
	if errors.As(err, &problems) {
		fmt.Fprintln(stderr, problems.Error())
		return fmt.Errorf("%s has %d problem(s); not starting (run \"versus check\" to list them)", name, len(problems))
	}
	if err != nil {
		return err
	}
	cat := srv.Catalog()
	if cfg.dev {
		go watchAndReload(ctx, cfg, srv, stdout, stderr)
	}
	ln, err := net.Listen("tcp", cfg.addr)
	if err != nil {
		return err
	}
	httpServer := &http.Server{
		Handler:           srv,
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       10 * time.Second,
		WriteTimeout:      30 * time.Second,
		IdleTimeout:       120 * time.Second,
		MaxHeaderBytes:    64 << 10,
		// Requests end when the program does, so long-lived dev event streams do not
		// hold up shutdown.
		BaseContext: func(net.Listener) context.Context { return ctx },
	}
	mode := ""
	if cfg.dev {
		mode = " in dev mode (reloading on changes)"
	}
	fmt.Fprintf(stdout, "versus: serving %s (%d criteria, %d articles) on http://%s%s\n",
		name, len(cat.Criteria), len(cat.Articles), ln.Addr(), mode)
	if cfg.baseURL == "" {
		fmt.Fprintln(stderr, "versus: --base-url is not set, so pages have no canonical links, shared links unfurl without a preview image, and there is no sitemap or feed; set it to the site's public address, e.g. --base-url https://versus.example.com")
	}
	errc := make(chan error, 1)
	go func() { errc <- httpServer.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	shutdownCtx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := httpServer.Shutdown(shutdownCtx); err != nil {
		return err
	}
	fmt.Fprintln(stdout, "versus: stopped")
	return nil
}
