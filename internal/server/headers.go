package server

import (
	"net/http"
	"strings"
)

// contentSecurityPolicy allows only the site's own scripts, styles and forms; the last
// directive says who may frame the page.
const contentSecurityPolicy = "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors "

// securityHeaders apply to every response: no framing, no sniffing, a strict referrer.
func securityHeaders(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		denyFraming(h)
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "strict-origin-when-cross-origin")
		next.ServeHTTP(w, r)
	})
}

// denyFraming says that no site may frame the response: the default, and what error
// pages say again, since an embeddable kind's route loosens it before the page is found.
func denyFraming(h http.Header) {
	h.Set("Content-Security-Policy", contentSecurityPolicy+"'none'")
	h.Set("X-Frame-Options", "DENY")
}

// kindHeaders loosen the defaults for the kinds made to be used by other sites: open
// data any script may read, and embeds any page may frame.
func kindHeaders(kind *pageKind) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			h := w.Header()
			if kind.crossOrigin {
				h.Set("Access-Control-Allow-Origin", "*")
				// Scripts on other sites may read the ETag, to revalidate by themselves.
				h.Set("Access-Control-Expose-Headers", "ETag")
			}
			if kind.embeddable {
				h.Set("Content-Security-Policy", strings.Replace(contentSecurityPolicy, "form-action 'self'; ", "form-action 'none'; ", 1)+"*")
				h.Del("X-Frame-Options")
			}
			next.ServeHTTP(w, r)
		})
	}
}
