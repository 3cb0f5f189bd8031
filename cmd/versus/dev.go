package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"time"

	"github.com/versus-web/versus/internal/catalog"
	"github.com/versus-web/versus/internal/live"
	"github.com/versus-web/versus/internal/server"
)

// reloadDebounce lets an editor finish saving several files before the site reloads.
const reloadDebounce = 150 * time.Millisecond

// watchAndReload reloads the site whenever the content or static folder changes, until
// ctx is done.
func watchAndReload(ctx context.Context, cfg *config, srv *server.Server, stdout, stderr io.Writer) {
	dirs := []string{cfg.content}
	if cfg.static != "" {
		dirs = append(dirs, cfg.static)
	}
	err := live.Watch(ctx, dirs, reloadDebounce, func() { reload(cfg, srv, stdout, stderr) })
	if err != nil {
		fmt.Fprintln(stderr, "versus: watching for changes stopped:", err)
	}
}

// reload loads the content and static files again. When they load, the new site replaces
// the old one whole; when they do not, the last good catalog stays and every page shows
// the problems, which the terminal prints too.
func reload(cfg *config, srv *server.Server, stdout, stderr io.Writer) {
	var problems []string
	static, err := newAssets(cfg)
	if err != nil {
		problems = append(problems, err.Error())
	}
	cat, _, err := loadCatalog(cfg)
	var contentProblems catalog.Problems
	switch {
	case errors.As(err, &contentProblems):
		for _, p := range contentProblems {
			problems = append(problems, cfg.content+"/"+p.String())
		}
	case err != nil:
		problems = append(problems, err.Error())
	}
	if len(problems) == 0 {
		// Rendering checks the links, so content that loads can still have problems.
		err = srv.Update(server.Update{Catalog: cat, Assets: static})
		switch {
		case errors.As(err, &contentProblems):
			for _, p := range contentProblems {
				problems = append(problems, cfg.content+"/"+p.String())
			}
		case err != nil:
			fmt.Fprintln(stderr, "versus: reload failed:", err)
			return
		}
	}
	if len(problems) > 0 {
		fmt.Fprintf(stderr, "versus: %d problem(s); still serving the last good content:\n", len(problems))
		for _, p := range problems {
			fmt.Fprintln(stderr, "  "+p)
		}
		if err := srv.Update(server.Update{Problems: problems}); err != nil {
			fmt.Fprintln(stderr, "versus: showing the problems failed:", err)
		}
		return
	}
	fmt.Fprintf(stdout, "versus: reloaded (%d criteria, %d articles)\n", len(cat.Criteria), len(cat.Articles))
}
