package main

import (
	"errors"
	"fmt"
	"io"

	"github.com/versus-web/versus/internal/catalog"
	"github.com/versus-web/versus/internal/export"
	"github.com/versus-web/versus/internal/server"
)

// exportSite writes the whole site into dir as static files, each with its best-level
// gzip and brotli encodings, as versus serve would send them (internal/export).
func exportSite(cfg *config, dir string, stdout, stderr io.Writer) error {
	fsys, name, err := contentFS(cfg)
	if err != nil {
		fmt.Fprintln(stderr, "versus export:", err)
		return exitCode(1)
	}
	srv, err := server.Open(fsys, staticFS(cfg), catalog.Options{Drafts: cfg.drafts},
		server.Options{BaseURL: cfg.baseURL, License: cfg.license})
	var problems catalog.Problems
	if errors.As(err, &problems) {
		fmt.Fprintln(stderr, problems.Error())
		fmt.Fprintf(stderr, "versus export: %s has %d problem(s); nothing written (run \"versus check\" to list them)\n", name, len(problems))
		return exitCode(1)
	}
	if err != nil {
		fmt.Fprintln(stderr, "versus export:", err)
		return exitCode(1)
	}
	sum, err := export.Write(dir, srv.Static())
	if err != nil {
		fmt.Fprintln(stderr, "versus export:", err)
		return exitCode(1)
	}
	fmt.Fprintf(stdout, "versus export: wrote %s to %s: %d files (%d pages, documents and assets, with .gz and .br beside those that compress), %.1f MB\n",
		name, dir, sum.Files, sum.Responses, float64(sum.Bytes)/1e6)
	if cfg.baseURL == "" {
		fmt.Fprintln(stderr, "versus export: --base-url is not set, so pages have no canonical links or preview images, and there is no sitemap or feed")
	}
	return nil
}
