// Package buildinfo says which build of Versus is running: the version and commit the
// release build stamps in with -ldflags, or what the Go toolchain recorded when it did not.
package buildinfo

import (
	"runtime/debug"
	"sync"
)

// Stamped by the release build, e.g.
//
//	go build -ldflags "-X github.com/versus-web/versus/internal/buildinfo.version=v1.2.0 -X github.com/versus-web/versus/internal/buildinfo.commit=abc1234"
var (
	version string
	commit  string
)

// Info is a build's identity.
type Info struct {
	Version  string // "v1.2.0", or "devel" for an unstamped build
	Commit   string // the VCS revision, or "unknown"
	Modified bool   // built from a work tree with uncommitted changes
}

// String reads "v1.2.0 (abc1234)", with "+dirty" for a modified tree.
func (i Info) String() string {
	s := i.Version + " (" + i.Commit
	if i.Modified {
		s += "+dirty"
	}
	return s + ")"
}

// Get returns the running build's identity.
var Get = sync.OnceValue(func() Info {
	info := Info{Version: version, Commit: commit}
	if bi, ok := debug.ReadBuildInfo(); ok {
		for _, s := range bi.Settings {
			switch {
			case s.Key == "vcs.revision" && info.Commit == "":
				info.Commit = s.Value
			case s.Key == "vcs.modified" && commit == "":
				info.Modified = s.Value == "true"
			}
		}
		if info.Version == "" && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
			info.Version = bi.Main.Version
		}
	}
	if info.Version == "" {
		info.Version = "devel"
	}
	if info.Commit == "" {
		info.Commit = "unknown"
	}
	if len(info.Commit) > 12 {
		info.Commit = info.Commit[:12]
	}
	return info
})
