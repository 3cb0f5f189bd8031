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

// securityHeaders apply to every response, errors included: no framing, no sniffing, a
// strict referrer, no powerful features, a browsing context and resources of the
// site's own, and HTTPS only when the site's public address is HTTPS.
func (s *Server) securityHeaders(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.setSecurityHeaders(w.Header())
		next.ServeHTTP(w, r)
	})
}

// setSecurityHeaders sets what securityHeaders sends, on h: also what a static export
// says its files are served with.
func (s *Server) setSecurityHeaders(h http.Header) {
	denyFraming(h)
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Referrer-Policy", "strict-origin-when-cross-origin")
	h.Set("Permissions-Policy", permissionsPolicy)
	h.Set("Cross-Origin-Opener-Policy", "same-origin")
	h.Set("Cross-Origin-Resource-Policy", "same-origin")
	if strings.HasPrefix(s.baseURL, "https://") {
		h.Set("Strict-Transport-Security", hstsPolicy)
	}
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
			setKindHeaders(kind, w.Header())
			next.ServeHTTP(w, r)
		})
	}
}

// setKindHeaders sets what kindHeaders sends for kind, on h.
func setKindHeaders(kind *pageKind, h http.Header) {
	if kind.crossOrigin || kind.embeddable {
		// Other sites may load these: open data, preview images, embeds.
		h.Set("Cross-Origin-Resource-Policy", "cross-origin")
	}
	if kind.crossOrigin {
		h.Set("Access-Control-Allow-Origin", "*")
		// Scripts on other sites may read the ETag, to revalidate by themselves.
		h.Set("Access-Control-Expose-Headers", "ETag")
	}
	if kind.embeddable {
		h.Set("Content-Security-Policy", strings.Replace(contentSecurityPolicy, "form-action 'self'; ", "form-action 'none'; ", 1)+"*")
		h.Del("X-Frame-Options")
	}
}
