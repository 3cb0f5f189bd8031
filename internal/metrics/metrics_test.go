package metrics

import (
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/go-chi/chi/v5"
	"github.com/go-chi/chi/v5/middleware"
	"github.com/prometheus/client_golang/prometheus/testutil"
	dto "github.com/prometheus/client_model/go"
	"github.com/prometheus/common/expfmt"
	"github.com/prometheus/common/model"

	"github.com/versus-web/versus/internal/buildinfo"
)

// instrumented is a router shaped like the site's: a middleware that observes each
// request once the router has handled it, a page pattern and a mounted sub-router.
func instrumented(m *Metrics) http.Handler {
	r := chi.NewRouter()
	r.Use(func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			ww := middleware.NewWrapResponseWriter(w, r.ProtoMajor)
			next.ServeHTTP(ww, r)
			m.ObserveRequest(Route(r), ww.Status(), time.Millisecond)
		})
	})
	ok := func(w http.ResponseWriter, r *http.Request) {} // writes nothing: a 200
	r.Get("/criteria/{slug}", ok)
	r.Route("/api/v1", func(r chi.Router) { r.Get("/criteria/{slug}", ok) })
	return r
}

func TestMetricsLabelRequestsByRoutePattern(t *testing.T) {
	m := New()
	h := instrumented(m)
	for _, path := range []string{"/criteria/speed", "/criteria/price", "/api/v1/criteria/speed", "/no/such/page", "/wp-login.php"} {
		h.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest(http.MethodGet, path, nil))
	}
	want := `
# HELP versus_http_requests_total HTTP requests answered, by route pattern and status code (499: the client went away first).
# TYPE versus_http_requests_total counter
versus_http_requests_total{code="200",route="/api/v1/criteria/{slug}"} 1
versus_http_requests_total{code="200",route="/criteria/{slug}"} 2
versus_http_requests_total{code="404",route="unmatched"} 2
`
	if err := testutil.GatherAndCompare(m.reg, strings.NewReader(want), "versus_http_requests_total"); err != nil {
		t.Error(err)
	}
	if n := testutil.CollectAndCount(m.duration); n != 3 {
		t.Errorf("duration histogram has %d series, want one per route (3)", n)
	}
	body := scrape(t, m)
	for _, raw := range []string{"speed", "price", "no/such", "wp-login"} {
		if strings.Contains(body, raw) {
			t.Errorf("a request path (%q) appears in the metrics", raw)
		}
	}
}

func TestMetricsObserveRequest(t *testing.T) {
	tests := []struct {
		name        string
		route       string
		code        int
		wantRoute   string
		wantCodeStr string
	}{
		{"pattern", "/criteria/{slug}", 200, "/criteria/{slug}", "200"},
		{"client went away", "/search", 499, "/search", "499"},
		{"no route", "", 404, Unmatched, "404"},
		{"nothing written", "/", 0, "/", "200"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := New()
			m.ObserveRequest(tt.route, tt.code, 3*time.Millisecond)
			if got := testutil.ToFloat64(m.requests.WithLabelValues(tt.wantRoute, tt.wantCodeStr)); got != 1 {
				t.Errorf("requests{route=%q,code=%q} = %v, want 1", tt.wantRoute, tt.wantCodeStr, got)
			}
			if n := testutil.CollectAndCount(m.requests); n != 1 {
				t.Errorf("%d request series, want 1", n)
			}
		})
	}
}

func TestMetricsRejectedLogDroppedAndCatalog(t *testing.T) {
	m := New()
	m.Rejected("/search")
	m.Rejected("/search")
	m.Rejected("")
	m.LogDropped(3)
	m.LogDropped(0) // nothing dropped: no change
	m.LogDropped(-1)
	m.CatalogLoaded(7, 1500*time.Millisecond)

	checks := []struct {
		name string
		got  float64
		want float64
	}{
		{"rejected /search", testutil.ToFloat64(m.rejected.WithLabelValues("/search")), 2},
		{"rejected unmatched", testutil.ToFloat64(m.rejected.WithLabelValues(Unmatched)), 1},
		{"log records dropped", testutil.ToFloat64(m.logDropped), 3},
		{"catalog generation", testutil.ToFloat64(m.generation), 7},
		{"catalog load seconds", testutil.ToFloat64(m.loadTime), 1.5},
	}
	for _, c := range checks {
		if c.got != c.want {
			t.Errorf("%s = %v, want %v", c.name, c.got, c.want)
		}
	}
	loadedAt := testutil.ToFloat64(m.loadedAt)
	if now := float64(time.Now().Unix()); loadedAt < now-60 || loadedAt > now+1 {
		t.Errorf("catalog loaded at %v, want about now (%v)", loadedAt, now)
	}
}

func TestNilMetricsDoNothing(t *testing.T) {
	var m *Metrics
	m.ObserveRequest("/", 200, time.Millisecond)
	m.Rejected("/search")
	m.CatalogLoaded(1, time.Second)
	m.LogDropped(1)
	rec := httptest.NewRecorder()
	m.Handler().ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/metrics", nil))
	if rec.Code != http.StatusNotFound {
		t.Errorf("nil Metrics' handler answered %d, want 404", rec.Code)
	}
}

func TestMetricsScrapeParsesAndHasEveryFamily(t *testing.T) {
	m := New()
	m.ObserveRequest("/", 200, time.Millisecond)
	m.Rejected("/search")
	m.CatalogLoaded(1, time.Second)
	m.LogDropped(1)

	parser := expfmt.NewTextParser(model.LegacyValidation)
	families, err := parser.TextToMetricFamilies(strings.NewReader(scrape(t, m)))
	if err != nil {
		t.Fatalf("scrape is not Prometheus text format: %v", err)
	}
	for _, name := range []string{
		"versus_http_requests_total",
		"versus_http_request_duration_seconds",
		"versus_http_rejected_total",
		"versus_catalog_generation",
		"versus_catalog_load_seconds",
		"versus_catalog_loaded_timestamp_seconds",
		"versus_log_records_dropped_total",
		"versus_build_info",
		"go_goroutines",
		"go_gc_duration_seconds",
		"process_cpu_seconds_total", // the process collector works on Linux only
		"process_resident_memory_bytes",
	} {
		if families[name] == nil {
			t.Errorf("scrape has no %s", name)
		}
	}

	if bi := families["versus_build_info"]; bi != nil {
		build := buildinfo.Get()
		want := map[string]string{"version": build.Version, "commit": build.Commit}
		got := map[string]string{}
		for _, l := range bi.GetMetric()[0].GetLabel() {
			got[l.GetName()] = l.GetValue()
		}
		if len(got) != len(want) || got["version"] != want["version"] || got["commit"] != want["commit"] {
			t.Errorf("versus_build_info labels = %v, want %v", got, want)
		}
		if v := bi.GetMetric()[0].GetGauge().GetValue(); v != 1 {
			t.Errorf("versus_build_info = %v, want 1", v)
		}
	}
	if h := families["versus_http_request_duration_seconds"]; h != nil && h.GetType() != dto.MetricType_HISTOGRAM {
		t.Errorf("versus_http_request_duration_seconds is a %v, want a histogram", h.GetType())
	}
}

// TestMetricsNamesFollowConventions runs Prometheus' own linter over the site's metrics
// (units in names, _total on counters, help text).
func TestMetricsNamesFollowConventions(t *testing.T) {
	m := New()
	m.ObserveRequest("/", 200, time.Millisecond)
	m.Rejected("/search")
	problems, err := testutil.GatherAndLint(m.reg,
		"versus_http_requests_total", "versus_http_request_duration_seconds", "versus_http_rejected_total",
		"versus_catalog_generation", "versus_catalog_load_seconds", "versus_catalog_loaded_timestamp_seconds",
		"versus_log_records_dropped_total", "versus_build_info")
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range problems {
		t.Errorf("%s: %s", p.Metric, p.Text)
	}
}

// scrape fetches the metrics as a Prometheus server would, and checks they come as text.
func scrape(t *testing.T, m *Metrics) string {
	t.Helper()
	srv := httptest.NewServer(m.Handler())
	defer srv.Close()
	resp, err := http.Get(srv.URL)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("scrape answered %d: %s", resp.StatusCode, body)
	}
	if ct := resp.Header.Get("Content-Type"); !strings.HasPrefix(ct, "text/plain") {
		t.Fatalf("scrape Content-Type = %q, want text/plain", ct)
	}
	return string(body)
}
