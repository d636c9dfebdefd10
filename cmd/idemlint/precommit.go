package main

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/idemlint/idemlint/internal/output"
)

// The two pre-commit hooks (.pre-commit-hooks.yaml) overlap: in a Go
// repository, `idemlint ./...` reports the schema findings of the schemas
// its packages embed, and `idemlint schema` reports them again for the
// staged schema files. With -precommit, each hook leaves out the findings
// the other hook already reported in the same pre-commit run, so that with
// both enabled every finding is reported once, by whichever ran first,
// and with one of them enabled it reports everything it finds.
//
// A run is recognised by the hooks' parent process, pre-commit itself,
// which runs the hooks one after the other: each hook records what it
// found in a file named after that process (its id and start time) and
// reads the other hook's record. Records older than an hour are removed.

// precommitRun returns the name that identifies the pre-commit run this
// process is a hook of, "" when it cannot tell.
func precommitRun() string {
	ppid := os.Getppid()
	if ppid <= 1 {
		return ""
	}
	run := strconv.Itoa(ppid)
	// The parent's start time, where the system says it (Linux), so that a
	// later process that gets the same id is another run.
	if stat, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", ppid)); err == nil {
		if i := bytes.LastIndexByte(stat, ')'); i >= 0 {
			if f := strings.Fields(string(stat[i+1:])); len(f) > 19 {
				run += "-" + f[19]
			}
		}
	}
	return run
}

// precommitDir is where the hooks' records live.
func precommitDir() string {
	return filepath.Join(os.TempDir(), fmt.Sprintf("idemlint-precommit-%d", os.Getuid()))
}

// dedupeHooks drops from res the diagnostics the other hook (mode is this
// one: "packages" or "schema") recorded in this pre-commit run, and
// records this hook's own.
func dedupeHooks(res *output.Result, mode string) {
	run := precommitRun()
	if run == "" {
		return
	}
	dir := precommitDir()
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return
	}
	removeOldRecords(dir)
	other := "schema"
	if mode == "schema" {
		other = "packages"
	}
	seen := map[string]bool{}
	if f, err := os.Open(filepath.Join(dir, run+"."+other)); err == nil {
		sc := bufio.NewScanner(f)
		sc.Buffer(nil, 1<<20)
		for sc.Scan() {
			seen[sc.Text()] = true
		}
		f.Close()
	}
	var mine bytes.Buffer
	kept := res.Diagnostics[:0]
	for _, d := range res.Diagnostics {
		k := hookKey(d)
		mine.WriteString(k + "\n")
		if !seen[k] {
			kept = append(kept, d)
		}
	}
	res.Diagnostics = kept
	f, err := os.OpenFile(filepath.Join(dir, run+"."+mode), os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o600)
	if err != nil {
		return
	}
	f.Write(mine.Bytes())
	f.Close()
}

// hookKey identifies a finding across the two hooks: its code and where it
// is, by absolute path.
func hookKey(d output.Diagnostic) string {
	p := d.Pos.Path
	if abs, err := filepath.Abs(p); err == nil {
		p = abs
	}
	return fmt.Sprintf("%s:%d:%d:%s", p, d.Pos.Line, d.Pos.Column, d.Code)
}

// removeOldRecords removes the records of runs long over.
func removeOldRecords(dir string) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	for _, e := range entries {
		if info, err := e.Info(); err == nil && time.Since(info.ModTime()) > time.Hour {
			os.Remove(filepath.Join(dir, e.Name()))
		}
	}
}
