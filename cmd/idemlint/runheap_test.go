package main

import (
	"runtime/debug"
	"testing"

	"golang.org/x/tools/go/analysis"
)

// TestWithRunHeap checks that the collector's target is raised when Run
// starts, not before, and that a GOGC the user set is left alone.
func TestWithRunHeap(t *testing.T) {
	defer debug.SetGCPercent(debug.SetGCPercent(100))
	var during int
	a := &analysis.Analyzer{Name: "a", Doc: "a", Run: func(*analysis.Pass) (any, error) {
		during = debug.SetGCPercent(-1)
		debug.SetGCPercent(during)
		return nil, nil
	}}

	t.Setenv("GOGC", "")
	wrapped := withRunHeap(a)
	if before := debug.SetGCPercent(100); before != 100 {
		t.Errorf("target %d after wrapping, want it unchanged until Run", before)
	}
	if _, err := wrapped.Run(nil); err != nil {
		t.Fatal(err)
	}
	if during != runGCPercent {
		t.Errorf("target during Run = %d, want %d", during, runGCPercent)
	}

	t.Setenv("GOGC", "50")
	if withRunHeap(a) != a {
		t.Error("with GOGC set, the analyzer was wrapped")
	}
}
