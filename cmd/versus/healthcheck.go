package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/versus-web/versus/internal/paths"
)

// healthcheck asks a running server whether it is ready and exits 0 if it answers 200,
// 1 if it does not (an error status, no answer, or no answer in time), 2 for a wrong
// flag. It is the container image's HEALTHCHECK: a distroless image has no curl and no
// shell, so the binary checks itself.
func healthcheck(args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	fset := flag.NewFlagSet("versus healthcheck", flag.ContinueOnError)
	fset.SetOutput(stderr)
	var rawURL string
	var timeout time.Duration
	fset.StringVar(&rawURL, "url", getenv("VERSUS_HEALTHCHECK_URL"),
		"URL to check (env VERSUS_HEALTHCHECK_URL); default: "+paths.Ready+" on the address serve listens on (env VERSUS_ADDR, default 127.0.0.1:8080)")
	fset.DurationVar(&timeout, "timeout", 2*time.Second, "how long to wait for the answer")
	fset.Usage = func() {
		fmt.Fprint(stderr, "Usage: versus healthcheck [flags]\n\nExits 0 if the server answers 200 (ready), 1 if not.\n\nFlags:\n")
		fset.PrintDefaults()
	}
	if err := fset.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return nil
		}
		return exitCode(2)
	}
	if fset.NArg() > 0 {
		fmt.Fprintf(stderr, "versus healthcheck: unexpected argument %q\n", fset.Arg(0))
		return exitCode(2)
	}
	if rawURL == "" {
		addr := getenv("VERSUS_ADDR")
		if addr == "" {
			addr = "127.0.0.1:8080"
		}
		var err error
		if rawURL, err = readyURL(addr); err != nil {
			fmt.Fprintf(stderr, "versus healthcheck: VERSUS_ADDR=%q: %v\n", addr, err)
			return exitCode(2)
		}
	}
	if u, err := url.Parse(rawURL); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		fmt.Fprintf(stderr, "versus healthcheck: --url %q is not an absolute http or https URL, e.g. http://127.0.0.1:8080%s\n", rawURL, paths.Ready)
		return exitCode(2)
	}
	if timeout <= 0 {
		fmt.Fprintf(stderr, "versus healthcheck: --timeout %v must be positive\n", timeout)
		return exitCode(2)
	}

	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, rawURL, nil)
	if err != nil {
		fmt.Fprintf(stderr, "versus healthcheck: %v\n", err)
		return exitCode(2)
	}
	// The server itself is asked, never a proxy from the environment, and no connection
	// is kept: the process ends right after.
	client := &http.Client{Transport: &http.Transport{Proxy: nil, DisableKeepAlives: true}}
	res, err := client.Do(req)
	if err != nil {
		var uerr *url.Error
		switch {
		case errors.Is(err, context.DeadlineExceeded):
			err = fmt.Errorf("no answer within %v", timeout)
		case errors.As(err, &uerr):
			err = uerr.Err // without the method and URL, printed already
		}
		fmt.Fprintf(stderr, "versus healthcheck: %s: %v\n", rawURL, err)
		return exitCode(1)
	}
	defer res.Body.Close()
	// The first line of the answer says why ("loading content", "ready: 12 criteria…");
	// Docker keeps it in the container's health log.
	line, _ := bufio.NewReader(io.LimitReader(res.Body, 512)).ReadString('\n')
	line = strings.TrimSpace(line)
	if res.StatusCode != http.StatusOK {
		fmt.Fprintf(stderr, "versus healthcheck: %s: %s: %s\n", rawURL, res.Status, line)
		return exitCode(1)
	}
	fmt.Fprintf(stdout, "%s: %s\n", rawURL, line)
	return nil
}

// readyURL is the readiness URL of a server listening on addr. A wildcard host (all
// interfaces) is asked on the loopback interface.
func readyURL(addr string) (string, error) {
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		return "", err
	}
	if port == "" || port == "0" {
		return "", fmt.Errorf("port %q is not a fixed port; give the URL with --url", port)
	}
	switch host {
	case "", "0.0.0.0":
		host = "127.0.0.1"
	case "::":
		host = "::1"
	}
	return "http://" + net.JoinHostPort(host, port) + paths.Ready, nil
}
