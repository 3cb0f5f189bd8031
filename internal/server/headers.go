package server

import (
	"net/http"
	"strings"
)

// contentSecurityPolicy allows only the site's own scripts, styles and forms; the last
// directive says who may frame the page.
const contentSecurityPolicy = "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors "

// permissionsPolicy turns off the powerful features no page of the site uses, for the
// page and anything it might frame.
const permissionsPolicy = "camera=(), microphone=(), geolocation=(), payment=(), usb=()"

// hstsPolicy keeps browsers on HTTPS for a year once they have seen the site over it.
// It leaves out includeSubDomains and preload: those bind the operator's whole domain,
// which is theirs to decide at their proxy.
const hstsPolicy = "max-age=31536000"

// headerSet is a set of response headers made once and assigned to each response as
// they are: canonical keys, and values nobody changes, so a cached page does not pay for
// canonicalising and allocating a dozen headers per request.
type headerSet map[string][]string

// apply sets the headers on h, replacing what h had under the same names.
func (hs headerSet) apply(h http.Header) {
	for k, v := range hs {
		h[k] = v
	}
}

func (hs headerSet) set(key, value string) { hs[http.CanonicalHeaderKey(key)] = []string{value} }

// securityHeaderSet is what every response carries, errors included: no framing, no
// sniffing, a strict referrer, no powerful features, a browsing context and resources
// of the site's own, and HTTPS only when the site's public address is HTTPS.
func securityHeaderSet(baseURL string) headerSet {
	hs := headerSet{}
	hs.set("Content-Security-Policy", contentSecurityPolicy+"'none'")
	hs.set("X-Frame-Options", "DENY")
	hs.set("X-Content-Type-Options", "nosniff")
	hs.set("Referrer-Policy", "strict-origin-when-cross-origin")
	hs.set("Permissions-Policy", permissionsPolicy)
	hs.set("Cross-Origin-Opener-Policy", "same-origin")
	hs.set("Cross-Origin-Resource-Policy", "same-origin")
	if strings.HasPrefix(baseURL, "https://") {
		hs.set("Strict-Transport-Security", hstsPolicy)
	}
	return hs
}

// kindHeaderSet is what a kind's pages carry: the security headers, loosened for the
// kinds made to be used by other sites — open data any script may read, and embeds any
// page may frame.
func kindHeaderSet(security headerSet, kind *pageKind) headerSet {
	hs := headerSet{}
	for k, v := range security {
		hs[k] = v
	}
	if kind.crossOrigin || kind.embeddable {
		// Other sites may load these: open data, preview images, embeds.
		hs.set("Cross-Origin-Resource-Policy", "cross-origin")
	}
	if kind.crossOrigin {
		hs.set("Access-Control-Allow-Origin", "*")
		// Scripts on other sites may read the ETag, to revalidate by themselves.
		hs.set("Access-Control-Expose-Headers", "ETag")
	}
	if kind.embeddable {
		hs.set("Content-Security-Policy", strings.Replace(contentSecurityPolicy, "form-action 'self'; ", "form-action 'none'; ", 1)+"*")
		delete(hs, "X-Frame-Options")
	}
	return hs
}

// securityHeaders set the security headers on every response that goes through the
// router.
func (s *Server) securityHeaders(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.security.apply(w.Header())
		next.ServeHTTP(w, r)
	})
}

// denyFraming says that no site may frame the response: the default, and what error
// pages say again, since an embeddable kind's route loosens it before the page is found.
func denyFraming(h http.Header) {
	h.Set("Content-Security-Policy", contentSecurityPolicy+"'none'")
	h.Set("X-Frame-Options", "DENY")
}

// kindHeaders set a kind's headers on the responses of its route.
func (s *Server) kindHeaders(kind *pageKind) func(http.Handler) http.Handler {
	hs := s.kinds[kind]
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			h := w.Header()
			if _, ok := hs["X-Frame-Options"]; !ok {
				delete(h, "X-Frame-Options")
			}
			hs.apply(h)
			next.ServeHTTP(w, r)
		})
	}
}
