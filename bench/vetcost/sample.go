package vetcost

import (
	"bytes"
	"fmt"
	"os"
	"strconv"
	"strings"
	"time"
)

// treePeak is what sampleTree saw of a process tree.
type treePeak struct {
	RootHWM int64 // the root process's VmHWM, bytes
	SumRSS  int64 // the largest sum of VmRSS over the tree's live processes at one instant, bytes
	Procs   int   // the number of processes in the tree at that instant
	Samples int
}

// sampleTree polls the process tree rooted at pid every 10ms until done
// is closed: at each tick it finds the tree's processes (parents from
// /proc/PID/stat) and sums their VmRSS. A process that lives less than a
// tick may be missed; those are small. RSS counts shared pages (a binary's
// text mapped by two tool processes) once per process, so the sum errs
// high. Returns zeros where /proc is absent.
//
// It does not read /proc/PID/task/TID/children: that takes the kernel's
// tasklist lock, which every fork and exit in the tree then spins on, and
// it tripled the tree's CPU time (sys) in a trial on the generated module.
func sampleTree(pid int, done <-chan struct{}) treePeak {
	var p treePeak
	parents := map[int]int{} // pid → parent pid, for the processes alive at the last tick
	t := time.NewTicker(10 * time.Millisecond)
	defer t.Stop()
	for {
		var sum int64
		procs := descendants(pid, parents)
		for _, q := range procs {
			sum += vmRSS(q)
		}
		if sum > p.SumRSS {
			p.SumRSS, p.Procs = sum, len(procs)
		}
		p.RootHWM = max(p.RootHWM, statusKB(pid, "VmHWM:"))
		p.Samples++
		select {
		case <-done:
			return p
		case <-t.C:
		}
	}
}

// descendants returns root and every live process below it. parents
// caches each pid's parent between calls (read once per process from
// /proc/PID/stat; entries of pids gone from /proc are dropped, so a
// reused pid is read again).
func descendants(root int, parents map[int]int) []int {
	ents, err := os.ReadDir("/proc")
	if err != nil {
		return []int{root}
	}
	alive := make(map[int]bool, len(ents))
	for _, e := range ents {
		q, err := strconv.Atoi(e.Name())
		if err != nil {
			continue
		}
		alive[q] = true
		if _, ok := parents[q]; !ok {
			parents[q] = parentOf(q)
		}
	}
	for q := range parents {
		if !alive[q] {
			delete(parents, q)
		}
	}
	in := map[int]bool{root: true}
	var walk func(q int) bool
	walk = func(q int) bool {
		if v, ok := in[q]; ok {
			return v
		}
		in[q] = false // no cycles, and pid 1's parent is 0
		pp, ok := parents[q]
		in[q] = ok && pp > 0 && walk(pp)
		return in[q]
	}
	out := []int{root}
	for q := range parents {
		if q != root && walk(q) {
			out = append(out, q)
		}
	}
	return out
}

// parentOf returns the parent pid from /proc/PID/stat ("pid (comm) state
// ppid …", comm may hold spaces and parentheses), 0 when it cannot be read.
func parentOf(pid int) int {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return 0
	}
	i := bytes.LastIndexByte(b, ')')
	if i < 0 {
		return 0
	}
	f := bytes.Fields(b[i+1:])
	if len(f) < 2 {
		return 0
	}
	pp, _ := strconv.Atoi(string(f[1]))
	return pp
}

var pageSize = int64(os.Getpagesize())

// vmRSS returns the resident set of pid in bytes (statm's second field),
// 0 once it has exited.
func vmRSS(pid int) int64 {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/statm", pid))
	if err != nil {
		return 0
	}
	f := bytes.Fields(b)
	if len(f) < 2 {
		return 0
	}
	n, _ := strconv.ParseInt(string(f[1]), 10, 64)
	return n * pageSize
}

// statusKB returns the field (such as "VmHWM:") of /proc/PID/status in
// bytes, 0 when it cannot be read.
func statusKB(pid int, field string) int64 {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(line, field); ok {
			kb, _ := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(v), " kB"), 10, 64)
			return kb << 10
		}
	}
	return 0
}
