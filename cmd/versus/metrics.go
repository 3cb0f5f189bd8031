package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"time"

	"github.com/versus-web/versus/internal/metrics"
)

// serveMetrics serves m at /metrics on addr, apart from the site, so the metrics can be
// kept on a private interface. It binds at once, so a bad or taken address stops the
// program at start instead of failing later in a goroutine no one watches. It returns
// the address bound (the port, when addr asks for port 0) and a stop func that shuts the
// server down and returns once it has stopped.
func serveMetrics(addr string, m *metrics.Metrics, log *slog.Logger) (net.Addr, func(context.Context) error, error) {
	if addr == "" {
		// net.Listen would take "" as every interface on a random port: never what is meant.
		return nil, nil, errors.New("--metrics-addr is empty; leave metrics off instead")
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, nil, fmt.Errorf("--metrics-addr %q: %w", addr, err)
	}
	mux := http.NewServeMux()
	mux.Handle("GET /metrics", m.Handler())
	srv := &http.Server{
		Handler:           mux,
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       10 * time.Second,
		WriteTimeout:      30 * time.Second,
		IdleTimeout:       120 * time.Second,
		MaxHeaderBytes:    16 << 10,
		ErrorLog:          slog.NewLogLogger(log.Handler(), slog.LevelWarn),
	}
	done := make(chan struct{})
	go func() {
		defer close(done)
		if err := srv.Serve(ln); !errors.Is(err, http.ErrServerClosed) {
			log.Error("metrics server stopped", "addr", ln.Addr().String(), "err", err)
		}
	}()
	log.Info("serving metrics", "url", "http://"+ln.Addr().String()+"/metrics")
	stop := func(ctx context.Context) error {
		err := srv.Shutdown(ctx)
		<-done // Serve returns as soon as Shutdown closes the listener
		return err
	}
	return ln.Addr(), stop, nil
}
