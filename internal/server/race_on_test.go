//go:build race

package server

// raceEnabled: the race detector slows tests several times over.
const raceEnabled = true
