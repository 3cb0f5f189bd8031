// Package clientip finds the address of the client a request comes from. Behind a
// reverse proxy or CDN the TCP peer is the proxy, and the client is named in the
// X-Forwarded-For or Forwarded header; but any client can send those headers, so they
// are believed only when the peer is a proxy the operator trusts, and only as far back
// as the chain of trusted proxies reaches.
package clientip

import (
	"fmt"
	"net/http"
	"net/netip"
	"strings"
)

// Trusted is a list of proxy networks whose forwarding headers are believed.
type Trusted []netip.Prefix

// ParseTrusted reads a comma-separated list of CIDR prefixes or single addresses, e.g.
// "10.0.0.0/8, 127.0.0.1, ::1". An empty list trusts no proxy.
func ParseTrusted(list string) (Trusted, error) {
	var t Trusted
	for _, item := range strings.Split(list, ",") {
		item = strings.TrimSpace(item)
		if item == "" {
			continue
		}
		if p, err := netip.ParsePrefix(item); err == nil {
			t = append(t, p.Masked())
			continue
		}
		a, err := netip.ParseAddr(item)
		if err != nil {
			return nil, fmt.Errorf("%q is neither an IP address nor a CIDR prefix such as 10.0.0.0/8", item)
		}
		a = a.Unmap()
		t = append(t, netip.PrefixFrom(a, a.BitLen()))
	}
	return t, nil
}

func (t Trusted) contains(a netip.Addr) bool {
	for _, p := range t {
		if p.Contains(a) {
			return true
		}
	}
	return false
}

// Client returns the client's address: the TCP peer, unless the peer is trusted, in
// which case the forwarding headers are read from the nearest hop back, and the first
// address not in the trusted list is the client. The Forwarded header (RFC 7239) is read
// when present, X-Forwarded-For otherwise. A hop that is not a valid address ends the
// walk at the last trusted hop. The result is always a well-formed address (or the raw
// peer address if even that is not one), so it is safe to log.
func (t Trusted) Client(r *http.Request) string {
	peer, err := netip.ParseAddrPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr // not from a TCP listener (tests, a unix socket)
	}
	client := peer.Addr().Unmap()
	if len(t) == 0 || !t.contains(client) {
		return client.String()
	}
	hops := forwardedFor(r.Header)
	for i := len(hops) - 1; i >= 0; i-- {
		hop, ok := parseHop(hops[i])
		if !ok {
			break
		}
		client = hop
		if !t.contains(hop) {
			break
		}
	}
	return client.String()
}

// forwardedFor lists the hops the headers name, the client first.
func forwardedFor(h http.Header) []string {
	var hops []string
	if fwd := h.Values("Forwarded"); len(fwd) > 0 {
		for _, elem := range strings.Split(strings.Join(fwd, ","), ",") {
			for _, pair := range strings.Split(elem, ";") {
				k, v, ok := strings.Cut(strings.TrimSpace(pair), "=")
				if ok && strings.EqualFold(k, "for") {
					hops = append(hops, v)
				}
			}
		}
		return hops
	}
	for _, hop := range strings.Split(strings.Join(h.Values("X-Forwarded-For"), ","), ",") {
		hops = append(hops, hop)
	}
	return hops
}

// parseHop reads one hop: "203.0.113.7", "2001:db8::1", or Forwarded's quoted forms
// "[2001:db8::1]:4711" and "203.0.113.7:4711". Obfuscated names ("_hidden", "unknown")
// are not addresses.
func parseHop(s string) (netip.Addr, bool) {
	s = strings.Trim(strings.TrimSpace(s), `"`)
	if a, err := netip.ParseAddr(s); err == nil {
		return a.Unmap(), true
	}
	if ap, err := netip.ParseAddrPort(s); err == nil {
		return ap.Addr().Unmap(), true
	}
	if strings.HasPrefix(s, "[") && strings.HasSuffix(s, "]") {
		if a, err := netip.ParseAddr(s[1 : len(s)-1]); err == nil {
			return a.Unmap(), true
		}
	}
	return netip.Addr{}, false
}
