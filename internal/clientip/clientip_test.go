package clientip

import (
	"net/http/httptest"
	"strings"
	"testing"
)

func TestClient(t *testing.T) {
	trusted, err := ParseTrusted("10.0.0.0/8, 127.0.0.1, ::1")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name    string
		trusted Trusted
		peer    string
		headers map[string]string
		want    string
	}{
		{"no proxy trusted: the peer, whatever the headers say", nil, "198.51.100.9:5000",
			map[string]string{"X-Forwarded-For": "203.0.113.7"}, "198.51.100.9"},
		{"untrusted peer: its headers are not believed", trusted, "198.51.100.9:5000",
			map[string]string{"X-Forwarded-For": "203.0.113.7"}, "198.51.100.9"},
		{"trusted peer: the client it names", trusted, "127.0.0.1:5000",
			map[string]string{"X-Forwarded-For": "203.0.113.7"}, "203.0.113.7"},
		{"a spoofed first hop is ignored: the rightmost untrusted hop wins", trusted, "127.0.0.1:5000",
			map[string]string{"X-Forwarded-For": "1.2.3.4, 203.0.113.7, 10.1.2.3"}, "203.0.113.7"},
		{"trusted peer without headers: the peer", trusted, "10.0.0.5:5000", nil, "10.0.0.5"},
		{"garbage hop ends the walk at the last trusted hop", trusted, "127.0.0.1:5000",
			map[string]string{"X-Forwarded-For": "203.0.113.7, <script>, 10.1.2.3"}, "10.1.2.3"},
		{"every hop trusted: the farthest", trusted, "127.0.0.1:5000",
			map[string]string{"X-Forwarded-For": "10.9.9.9, 10.1.2.3"}, "10.9.9.9"},
		{"Forwarded is preferred", trusted, "[::1]:5000",
			map[string]string{"Forwarded": `for=192.0.2.60;proto=https, for="[2001:db8:cafe::17]:4711"`, "X-Forwarded-For": "1.2.3.4"}, "2001:db8:cafe::17"},
		{"Forwarded with an obfuscated hop", trusted, "127.0.0.1:5000",
			map[string]string{"Forwarded": `for=_hidden`}, "127.0.0.1"},
		{"IPv4-mapped peer", trusted, "[::ffff:127.0.0.1]:5000",
			map[string]string{"X-Forwarded-For": "203.0.113.7"}, "203.0.113.7"},
		{"oversized header: still one well-formed address", trusted, "127.0.0.1:5000",
			map[string]string{"X-Forwarded-For": strings.Repeat("x", 60000) + ", 203.0.113.7"}, "203.0.113.7"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := httptest.NewRequest("GET", "/", nil)
			r.RemoteAddr = tt.peer
			for k, v := range tt.headers {
				r.Header.Set(k, v)
			}
			if got := tt.trusted.Client(r); got != tt.want {
				t.Errorf("Client = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestParseTrusted(t *testing.T) {
	if got, err := ParseTrusted(" 192.168.0.0/16 ,fd00::/8,127.0.0.1,"); err != nil || len(got) != 3 {
		t.Errorf("ParseTrusted = %v, %v", got, err)
	}
	for _, bad := range []string{"localhost", "10.0.0.0/33", "1.2.3"} {
		if _, err := ParseTrusted(bad); err == nil || !strings.Contains(err.Error(), bad) {
			t.Errorf("ParseTrusted(%q) = %v, want an error naming it", bad, err)
		}
	}
}
