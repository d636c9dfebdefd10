package main

import (
	"runtime"
	"runtime/debug"
	"testing"
	"time"

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

// TestFloorPercent checks the collector's target that gives the goal
// max(heapFloor, 2 × live): 400 (the minimum heap at the floor) for a
// small live heap, less between a fifth and a half of the floor, the
// default from half the floor on.
func TestFloorPercent(t *testing.T) {
	const mb = 1 << 20
	for _, c := range []struct {
		live uint64
		want int
	}{
		{0, 400},
		{2 * mb, 400},
		{16 * mb / 5, 400},
		{4 * mb, 300},
		{6 * mb, 167},
		{8 * mb, 100},
		{100 * mb, 100},
	} {
		if got := floorPercent(c.live); got != c.want {
			t.Errorf("floorPercent(%d MB) = %d, want %d", c.live/mb, got, c.want)
		}
		// The goal: live × (1 + p/100), at least 4 MB × p/100.
		p := uint64(floorPercent(c.live))
		goal := max(c.live*(100+p)/100, 4*mb*p/100)
		if want := max(heapFloor, 2*c.live); goal < want {
			t.Errorf("live %d MB: goal %d B, want %d", c.live/mb, goal, want)
		}
	}
}

// TestHeapFloorAfterCollection checks that the floor's target holds after
// a collection (the finalizer re-arms), and that once Run has started it
// leaves Run's target alone.
func TestHeapFloorAfterCollection(t *testing.T) {
	defer debug.SetGCPercent(debug.SetGCPercent(100))
	setInRun := func(v bool) { gcTarget.Lock(); gcTarget.inRun = v; gcTarget.Unlock() }
	setInRun(false) // TestWithRunHeap ran a Run
	defer setInRun(false)
	target := func() int {
		gcTarget.Lock()
		defer gcTarget.Unlock()
		p := debug.SetGCPercent(-1)
		debug.SetGCPercent(p)
		return p
	}
	startHeapFloor()
	if got, want := target(), floorPercent(0); got != want {
		t.Fatalf("target %d after start, want %d", got, want)
	}
	// A collection with the floor armed: the finalizer sets the target
	// for the heap found live (this test binary's: a few MB) and re-arms.
	debug.SetGCPercent(100)
	for i := 0; i < 50 && target() == 100; i++ {
		runtime.GC()
		time.Sleep(time.Millisecond)
	}
	if got, want := target(), floorPercent(liveHeap()); got != want || got == 100 && liveHeap()*2 < heapFloor {
		t.Errorf("target %d after a collection (live %d B), want %d", got, liveHeap(), want)
	}
	// Run starts: later collections leave its target as it is.
	a := withRunHeap(&analysis.Analyzer{Name: "a", Doc: "a", Run: func(*analysis.Pass) (any, error) { return nil, nil }})
	if _, err := a.Run(nil); err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 5; i++ {
		runtime.GC()
		time.Sleep(time.Millisecond)
	}
	if got := target(); got != runGCPercent {
		t.Errorf("target %d after collections in Run, want %d", got, runGCPercent)
	}
}
