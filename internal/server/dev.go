package server

import (
	"fmt"
	"net/http"
	"sync"
	"time"

	"github.com/versus-web/versus/internal/paths"
)

// broadcaster wakes every subscriber when the served site changes.
type broadcaster struct {
	mu   sync.Mutex
	subs map[chan struct{}]bool
}

func newBroadcaster() *broadcaster { return &broadcaster{subs: map[chan struct{}]bool{}} }

func (b *broadcaster) subscribe() (ch chan struct{}, cancel func()) {
	ch = make(chan struct{}, 1)
	b.mu.Lock()
	b.subs[ch] = true
	b.mu.Unlock()
	return ch, func() {
		b.mu.Lock()
		delete(b.subs, ch)
		b.mu.Unlock()
	}
}

func (b *broadcaster) publish() {
	b.mu.Lock()
	defer b.mu.Unlock()
	for ch := range b.subs {
		select {
		case ch <- struct{}{}:
		default: // a wake-up is already pending
		}
	}
}

// devKeepAlive is how often an idle event stream sends a comment, so proxies keep it open.
const devKeepAlive = 15 * time.Second

// handleDevEvents streams the site's generation as server-sent events: once on connect,
// then after every update. A page whose generation differs reloads itself.
func (s *Server) handleDevEvents(w http.ResponseWriter, r *http.Request) {
	rc := http.NewResponseController(w)
	_ = rc.SetWriteDeadline(time.Time{}) // the stream outlives the server's write timeout
	w.Header().Set("Content-Type", "text/event-stream")
	w.Header().Set("Cache-Control", "no-store")
	changes, cancel := s.changes.subscribe()
	defer cancel()
	send := func() bool {
		_, err := fmt.Fprintf(w, "event: generation\ndata: %d\n\n", s.current.Load().generation)
		return err == nil && rc.Flush() == nil
	}
	if !send() {
		return
	}
	keepAlive := time.NewTicker(devKeepAlive)
	defer keepAlive.Stop()
	for {
		select {
		case <-r.Context().Done():
			return
		case <-s.ending:
			return
		case <-changes:
			if !send() {
				return
			}
		case <-keepAlive.C:
			if _, err := fmt.Fprint(w, ": keep-alive\n\n"); err != nil || rc.Flush() != nil {
				return
			}
		}
	}
}

// devScript reloads the page when the server reports a generation other than the page's.
var devScript = `// Versus dev mode: reload this page when the content or static files change.
(function () {
  var script = document.currentScript;
  var mine = script && script.dataset.generation;
  var events = new EventSource("` + paths.DevEvents + `");
  events.addEventListener("generation", function (e) {
    if (e.data !== mine) { location.reload(); }
  });
})();
`

func (s *Server) handleDevScript(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "text/javascript; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	_, _ = w.Write([]byte(devScript))
}

// EndStreams ends the dev event streams, which would otherwise hold a graceful shutdown
// open for as long as a browser tab is; the pages reconnect to the next server.
func (s *Server) EndStreams() { s.endOnce.Do(func() { close(s.ending) }) }
