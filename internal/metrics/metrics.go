// Package metrics is the site's Prometheus metrics: requests by route and status, requests
// the query-page limiter refused, catalog reloads, dropped access-log records, and the Go
// runtime and process.
//
// A *Metrics has its own registry rather than the global default, so nothing a dependency
// registers behind our back is exposed, and tests can make as many as they like. Every
// method works on a nil *Metrics and does nothing, so the server calls them unconditionally
// and metrics stay off unless one is made.
//
// Label values must stay few, or every distinct value becomes a series Prometheus keeps for
// good: routes are chi route patterns ("/criteria/{slug}"), never request paths, and
// requests that matched no route are "unmatched".
package metrics

import (
	"net/http"
	"strconv"
	"time"

	"github.com/go-chi/chi/v5"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"github.com/versus-web/versus/internal/buildinfo"
)

// Unmatched is the route label of a request no route matched (a 404 or 405), or one
// answered before routing (a trailing-slash redirect). One value for all of them keeps a
// scanner's random paths out of the series.
const Unmatched = "unmatched"

// durationBuckets suit a server that answers most pages from memory in well under a
// millisecond: fine steps at the fast end, and up to 5 s to see a stall.
var durationBuckets = []float64{.0005, .001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5}

// Metrics holds the site's metrics and the registry that exposes them.
type Metrics struct {
	reg *prometheus.Registry

	requests *prometheus.CounterVec
	duration *prometheus.HistogramVec
	rejected *prometheus.CounterVec

	generation prometheus.Gauge
	loadTime   prometheus.Gauge
	loadedAt   prometheus.Gauge

	logDropped prometheus.Counter

	handler http.Handler
}

// New makes the metrics and registers them, with the Go runtime, process and build
// collectors, on a registry of their own.
func New() *Metrics {
	m := &Metrics{
		reg: prometheus.NewRegistry(),
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "versus_http_requests_total",
			Help: "HTTP requests answered, by route pattern and status code (499: the client went away first).",
		}, []string{"route", "code"}),
		duration: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "versus_http_request_duration_seconds",
			Help:    "Time to answer an HTTP request, by route pattern.",
			Buckets: durationBuckets,
		}, []string{"route"}),
		rejected: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "versus_http_rejected_total",
			Help: "Requests refused with 429 by the query-page limiter, by route pattern.",
		}, []string{"route"}),
		generation: prometheus.NewGauge(prometheus.GaugeOpts{
			Name: "versus_catalog_generation",
			Help: "Catalog generation being served; it goes up by one on every reload.",
		}),
		loadTime: prometheus.NewGauge(prometheus.GaugeOpts{
			Name: "versus_catalog_load_seconds",
			Help: "Time the last catalog load and render took.",
		}),
		loadedAt: prometheus.NewGauge(prometheus.GaugeOpts{
			Name: "versus_catalog_loaded_timestamp_seconds",
			Help: "Unix time the catalog being served was loaded.",
		}),
		logDropped: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "versus_log_records_dropped_total",
			Help: "Access-log records dropped because the log sink was full.",
		}),
	}
	build := buildinfo.Get()
	buildInfo := prometheus.NewGauge(prometheus.GaugeOpts{
		Name:        "versus_build_info",
		Help:        "Always 1; its labels name the running build.",
		ConstLabels: prometheus.Labels{"version": build.Version, "commit": build.Commit},
	})
	buildInfo.Set(1)
	m.reg.MustRegister(
		m.requests, m.duration, m.rejected,
		m.generation, m.loadTime, m.loadedAt,
		m.logDropped, buildInfo,
		collectors.NewGoCollector(),
		collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}),
	)
	m.handler = promhttp.HandlerFor(m.reg, promhttp.HandlerOpts{
		// Counts failed scrapes in promhttp_metric_handler_errors_total.
		Registry: m.reg,
		// A scrape is cheap but not free on two cores: past two at once, answer 503
		// rather than let a misconfigured scraper crowd out the site.
		MaxRequestsInFlight: 2,
	})
	return m
}

// Route is the route label of a request: its chi route pattern ("" when none matched,
// which ObserveRequest counts as Unmatched). Call it after the router has handled the
// request, since chi fills the pattern in while routing. A miss inside a mounted router
// keeps the mount's pattern ("/api/v1/*"): still one value, not the path.
func Route(r *http.Request) string {
	return chi.RouteContext(r.Context()).RoutePattern() // "" for a nil route context
}

// ObserveRequest counts a finished request and its duration. route must be a route
// pattern (see Route), never a request path; "" counts as Unmatched. A request whose
// client went away before the answer is code 499. Code 0, from a handler that wrote
// nothing, is the 200 net/http sent for it.
func (m *Metrics) ObserveRequest(route string, code int, d time.Duration) {
	if m == nil {
		return
	}
	if route == "" {
		route = Unmatched
	}
	if code == 0 {
		code = http.StatusOK
	}
	m.requests.WithLabelValues(route, strconv.Itoa(code)).Inc()
	m.duration.WithLabelValues(route).Observe(d.Seconds())
}

// Rejected counts a request the query-page limiter refused with 429. The request is
// still counted by ObserveRequest as well; this says why it was refused.
func (m *Metrics) Rejected(route string) {
	if m == nil {
		return
	}
	if route == "" {
		route = Unmatched
	}
	m.rejected.WithLabelValues(route).Inc()
}

// CatalogLoaded records that catalog generation is now served, and how long loading and
// rendering it took.
func (m *Metrics) CatalogLoaded(generation uint64, took time.Duration) {
	if m == nil {
		return
	}
	m.generation.Set(float64(generation))
	m.loadTime.Set(took.Seconds())
	m.loadedAt.SetToCurrentTime()
}

// LogDropped counts n access-log records dropped because the log sink was full.
func (m *Metrics) LogDropped(n int) {
	if m == nil || n <= 0 {
		return
	}
	m.logDropped.Add(float64(n))
}

// Handler serves the metrics in the Prometheus exposition formats. A nil *Metrics
// answers 404, as if there were no metrics endpoint.
func (m *Metrics) Handler() http.Handler {
	if m == nil {
		return http.NotFoundHandler()
	}
	return m.handler
}
