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
	"sync"
	"time"

	"github.com/versus-web/versus/content"
	"github.com/versus-web/versus/internal/assets"
	"github.com/versus-web/versus/internal/buildinfo"
	"github.com/versus-web/versus/internal/catalog"
	"github.com/versus-web/versus/internal/clientip"
	"github.com/versus-web/versus/internal/logsink"
	"github.com/versus-web/versus/internal/metrics"
	"github.com/versus-web/versus/internal/paths"
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
  versus export [flags] DIR          write the whole site as static files into DIR
  versus new criterion SLUG [flags]  write a draft criterion skeleton
  versus new article "TITLE" [flags] write a draft article skeleton
  versus version                     print the version and commit of this build
  versus healthcheck [--url URL]     exit 0 if the server on VERSUS_ADDR is ready (for containers)
  versus help                        show this help

Run "versus serve --help", "versus check --help" or "versus export --help" for the
flags of each command.
Every flag can also be set through the environment variable shown with it.
`

// config is what the flags and environment select.
type config struct {
	addr           string
	content        string
	static         string
	baseURL        string
	license        web.License
	drafts         bool
	dev            bool
	logFormat      string // text or json
	logLevel       slog.Level
	trustedProxies clientip.Trusted
	shutdownGrace  time.Duration
	queryLimit     int
	metricsAddr    string
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
	envDuration := func(key string, fallback time.Duration) time.Duration {
		v := getenv(key)
		if v == "" {
			return fallback
		}
		d, err := time.ParseDuration(v)
		if err != nil {
			envErrs = append(envErrs, fmt.Errorf("environment variable %s=%q is not a duration; write e.g. 10s or 1m30s", key, v))
		}
		return d
	}
	envInt := func(key string) int {
		v := getenv(key)
		if v == "" {
			return 0
		}
		n, err := strconv.Atoi(v)
		if err != nil {
			envErrs = append(envErrs, fmt.Errorf("environment variable %s=%q is not a whole number", key, v))
		}
		return n
	}
	fset.BoolVar(&cfg.drafts, "drafts", envBool("VERSUS_DRAFTS"),
		"include drafts and articles scheduled for the future (env VERSUS_DRAFTS)")
	if name == "serve" || name == "export" {
		fset.StringVar(&cfg.baseURL, "base-url", env("VERSUS_BASE_URL", ""),
			"public URL of the site, e.g. https://versus.example.com: canonical links, link previews, sitemap and feed need it (env VERSUS_BASE_URL)")
		fset.StringVar(&cfg.license.Name, "license", env("VERSUS_LICENSE", web.DefaultLicense.Name),
			"license readers may reuse the text and data under, shown on every page and in the API (env VERSUS_LICENSE)")
		fset.StringVar(&cfg.license.URL, "license-url", env("VERSUS_LICENSE_URL", ""),
			"URL of the license's text (env VERSUS_LICENSE_URL); known for "+strings.Join(slices.Sorted(maps.Keys(knownLicenses)), ", "))
	}
	if name == "serve" {
		fset.StringVar(&cfg.addr, "addr", env("VERSUS_ADDR", "127.0.0.1:8080"),
			"address to listen on (env VERSUS_ADDR)")
		fset.BoolVar(&cfg.dev, "dev", envBool("VERSUS_DEV"),
			"dev mode: serve --content (default content) and --static from disk, reload on every change, show content problems on every page (env VERSUS_DEV)")
		fset.StringVar(&cfg.static, "static", env("VERSUS_STATIC", ""),
			"static folder on disk, for dev mode (env VERSUS_STATIC); default: static/ in dev mode if present, else the embedded files")
		fset.StringVar(&cfg.logFormat, "log-format", env("VERSUS_LOG_FORMAT", "text"),
			"access and error log format on stderr: text or json (env VERSUS_LOG_FORMAT)")
		fset.TextVar(&cfg.logLevel, "log-level", levelFromEnv(getenv("VERSUS_LOG_LEVEL"), &envErrs),
			"least severe log records to write: debug, info, warn or error; the access log is info (env VERSUS_LOG_LEVEL)")
		fset.Func("trusted-proxies", "comma-separated addresses or CIDR prefixes of the reverse proxies whose X-Forwarded-For and Forwarded headers name the client, e.g. 10.0.0.0/8,127.0.0.1 (env VERSUS_TRUSTED_PROXIES); default: none, the TCP peer is the client",
			func(v string) (err error) { cfg.trustedProxies, err = clientip.ParseTrusted(v); return err })
		if v := getenv("VERSUS_TRUSTED_PROXIES"); v != "" {
			var err error
			if cfg.trustedProxies, err = clientip.ParseTrusted(v); err != nil {
				envErrs = append(envErrs, fmt.Errorf("environment variable VERSUS_TRUSTED_PROXIES: %w", err))
			}
		}
		fset.DurationVar(&cfg.shutdownGrace, "shutdown-grace", envDuration("VERSUS_SHUTDOWN_GRACE", 10*time.Second),
			"on SIGTERM or SIGINT, how long requests in flight may take to finish before their connections are closed (env VERSUS_SHUTDOWN_GRACE)")
		fset.IntVar(&cfg.queryLimit, "query-limit", envInt("VERSUS_QUERY_LIMIT"),
			"how many searches, comparisons and decisions may be rendered at once; more get 429 Too Many Requests (env VERSUS_QUERY_LIMIT); default: half the CPUs, at least 1")
		fset.StringVar(&cfg.metricsAddr, "metrics-addr", env("VERSUS_METRICS_ADDR", ""),
			"address to serve Prometheus metrics on at /metrics, e.g. 127.0.0.1:9090; keep it private (env VERSUS_METRICS_ADDR); default: off")
	}
	fset.Usage = func() {
		args := ""
		if name == "export" {
			args = " DIR"
		}
		fmt.Fprintf(stderr, "Usage: versus %s [flags]%s\n\nFlags:\n", name, args)
		fset.PrintDefaults()
	}
	return fset, cfg, errors.Join(envErrs...)
}

// levelFromEnv reads a log level from the environment, noting a bad one in errs.
func levelFromEnv(v string, errs *[]error) *slog.Level {
	level := new(slog.Level) // info
	if v != "" {
		if err := level.UnmarshalText([]byte(v)); err != nil {
			*errs = append(*errs, fmt.Errorf("environment variable VERSUS_LOG_LEVEL=%q is not a log level; use debug, info, warn or error", v))
		}
	}
	return level
}

// knownLicenses are licenses whose legal text need not be given with --license-url.
var knownLicenses = map[string]string{
	"CC BY 4.0":    "https://creativecommons.org/licenses/by/4.0/",
	"CC BY-SA 4.0": "https://creativecommons.org/licenses/by-sa/4.0/",
	"CC0 1.0":      "https://creativecommons.org/publicdomain/zero/1.0/",
}

// validate checks the values serve cannot work with and completes the license.
func (cfg *config) validate() error {
	if err := cfg.validateSite(); err != nil {
		return err
	}
	if cfg.logFormat != "text" && cfg.logFormat != "json" {
		return fmt.Errorf("--log-format %q is not a log format; use text or json", cfg.logFormat)
	}
	if cfg.shutdownGrace < 0 {
		return fmt.Errorf("--shutdown-grace %s is negative; use 0 to close connections at once", cfg.shutdownGrace)
	}
	if cfg.queryLimit < 0 {
		return fmt.Errorf("--query-limit %d is negative; use 0 for the default", cfg.queryLimit)
	}
	return nil
}

// validateSite checks what serve and export share, the base URL and the license, and
// completes the license.
func (cfg *config) validateSite() error {
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
	case "serve", "check", "export":
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
	var dir string
	if command == "export" {
		if fset.NArg() == 0 {
			fmt.Fprintln(stderr, "versus export: name the folder to write the site into: versus export [flags] DIR")
			return exitCode(2)
		}
		// Flags may follow the folder too: versus export out --base-url https://…
		dir = fset.Arg(0)
		if err := fset.Parse(fset.Args()[1:]); err != nil {
			return exitCode(2)
		}
	}
	if fset.NArg() > 0 {
		fmt.Fprintf(stderr, "versus %s: unexpected argument %q\n", command, fset.Arg(0))
		return exitCode(2)
	}
	if command == "check" {
		return check(cfg, stdout, stderr)
	}
	if command == "export" {
		if err := cfg.validateSite(); err != nil {
			fmt.Fprintf(stderr, "versus export: %v\n", err)
			return exitCode(2)
		}
		return exportSite(cfg, dir, stdout, stderr)
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

// Shutdown and logging bounds.
const (
	logQueue       = 4096 // log records held while stderr is slow, before dropping
	logFlush       = 2 * time.Second
	optimizeEvery  = time.Minute // how often new responses are recompressed at the best level
	metricsTimeout = 5 * time.Second
)

// serve listens first, so a bad address fails at once and health checks answer while
// the content loads; then it loads the content, serves it until ctx is done, and shuts
// down gracefully.
func serve(ctx context.Context, cfg *config, stdout, stderr io.Writer) error {
	var m *metrics.Metrics // nil: metrics off
	if cfg.metricsAddr != "" {
		m = metrics.New()
	}
	// Logging never blocks a request: records queue for stderr, and when stderr stalls
	// the overflow is dropped, counted and, once it drains, reported.
	var log *slog.Logger
	sink := logsink.New(stderr, logQueue, func(n uint64) {
		m.LogDropped(int(n))
		log.Warn("log records dropped: stderr was not taking them", "dropped", n)
	})
	log = newLogger(cfg, sink)
	defer func() {
		flushCtx, cancel := context.WithTimeout(context.Background(), logFlush)
		defer cancel()
		_ = sink.Close(flushCtx)
	}()

	ln, err := net.Listen("tcp", cfg.addr)
	if err != nil {
		return fmt.Errorf("--addr %s: %w", cfg.addr, err)
	}
	if m != nil {
		_, stopMetrics, err := serveMetrics(cfg.metricsAddr, m, log)
		if err != nil {
			ln.Close()
			return err
		}
		defer func() {
			stopCtx, cancel := context.WithTimeout(context.Background(), metricsTimeout)
			defer cancel()
			_ = stopMetrics(stopCtx)
		}()
	}
	fsys, name, err := contentFS(cfg)
	if err != nil {
		ln.Close()
		return err
	}
	srv := server.Start(server.Options{BaseURL: cfg.baseURL, License: cfg.license, Logger: log, Dev: cfg.dev,
		TrustedProxies: cfg.trustedProxies, Metrics: m, QueryLimit: cfg.queryLimit})
	httpServer := &http.Server{
		Handler:           srv,
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       10 * time.Second,
		WriteTimeout:      30 * time.Second,
		IdleTimeout:       120 * time.Second,
		MaxHeaderBytes:    64 << 10,
		ErrorLog:          slog.NewLogLogger(log.Handler(), slog.LevelDebug), // protocol noise from clients
	}
	conns := trackConnections(httpServer)
	// Requests outlive the signal: their contexts end only when their client goes, so
	// a shutdown lets them finish. Dev event streams are told to end instead.
	httpServer.RegisterOnShutdown(srv.EndStreams)
	errc := make(chan error, 1)
	go func() { errc <- httpServer.Serve(ln) }()
	fmt.Fprintf(stdout, "versus: loading %s; meanwhile health checks answer at http://%s%s\n", name, ln.Addr(), paths.Health)

	loaded := make(chan error, 1)
	go func() { loaded <- srv.Load(fsys, staticFS(cfg), catalog.Options{Drafts: cfg.drafts}) }()
	select {
	case err = <-loaded:
	case err = <-errc:
		return err
	case <-ctx.Done():
		return shutdown(httpServer, conns, cfg.shutdownGrace, log, stdout)
	}
	var problems catalog.Problems
	if errors.As(err, &problems) {
		fmt.Fprintln(stderr, problems.Error())
		err = fmt.Errorf("%s has %d problem(s); not starting (run \"versus check\" to list them)", name, len(problems))
	}
	if err != nil {
		_ = httpServer.Close()
		return err
	}
	cat := srv.Catalog()
	if cfg.dev {
		go watchAndReload(ctx, cfg, srv, stdout, stderr)
	}
	go srv.OptimizeInBackground(ctx, optimizeEvery)
	mode := ""
	if cfg.dev {
		mode = " in dev mode (reloading on changes)"
	}
	fmt.Fprintf(stdout, "versus %s: serving %s (%d criteria, %d articles) on http://%s%s\n",
		buildinfo.Get(), name, len(cat.Criteria), len(cat.Articles), ln.Addr(), mode)
	if cfg.baseURL == "" {
		log.Warn("--base-url is not set, so pages have no canonical links, shared links unfurl without a preview image, and there is no sitemap or feed; set it to the site's public address, e.g. --base-url https://versus.example.com")
	}
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	return shutdown(httpServer, conns, cfg.shutdownGrace, log, stdout)
}

// shutdown stops accepting connections and lets the requests in flight finish, for up to
// grace; then it closes the connections still open (a client too slow to read its
// answer), logging how many. Either way the program ends normally.
func shutdown(httpServer *http.Server, conns *connections, grace time.Duration, log *slog.Logger, stdout io.Writer) error {
	fmt.Fprintf(stdout, "versus: stopping; requests in flight have %s to finish\n", grace)
	ctx, cancel := context.WithTimeout(context.Background(), grace)
	defer cancel()
	if err := httpServer.Shutdown(ctx); err != nil {
		cut := conns.busy()
		_ = httpServer.Close()
		log.Warn("shutdown grace period over; closed the connections still in use", "grace", grace, "connections", cut)
		// Their handlers see their writes fail and log the requests (as 499); give them
		// a moment, so those records are not lost with the program.
		for deadline := time.Now().Add(time.Second); conns.busy() > 0 && time.Now().Before(deadline); {
			time.Sleep(10 * time.Millisecond)
		}
	}
	fmt.Fprintln(stdout, "versus: stopped")
	return nil
}

// connections counts a server's connections that are busy with a request.
type connections struct {
	mu    sync.Mutex
	state map[net.Conn]http.ConnState
}

func trackConnections(srv *http.Server) *connections {
	c := &connections{state: map[net.Conn]http.ConnState{}}
	srv.ConnState = func(conn net.Conn, state http.ConnState) {
		c.mu.Lock()
		defer c.mu.Unlock()
		if state == http.StateClosed || state == http.StateHijacked {
			delete(c.state, conn)
			return
		}
		c.state[conn] = state
	}
	return c
}

func (c *connections) busy() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	n := 0
	for _, s := range c.state {
		if s == http.StateActive {
			n++
		}
	}
	return n
}

// newLogger writes records in the configured format and level to w.
func newLogger(cfg *config, w io.Writer) *slog.Logger {
	opts := &slog.HandlerOptions{Level: cfg.logLevel}
	if cfg.logFormat == "json" {
		return slog.New(slog.NewJSONHandler(w, opts))
	}
	return slog.New(slog.NewTextHandler(w, opts))
}
