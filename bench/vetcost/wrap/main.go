// Command wrap stands between go vet and a vettool so that vetcost can
// measure each tool process and invalidate vet's results cache on demand.
//
// It runs $VETCOST_TOOL with its own arguments as a child and, for a
// package run (a *.cfg argument), appends one line to $VETCOST_LOG:
//
//	maxrss-KiB user-µs sys-µs wall-µs dir
//
// For -V=full it prints the tool's identity with $VETCOST_NONCE mixed into
// the build ID: go vet keys cached results by that identity, so a new nonce
// makes every vet action (the module's packages and their dependencies)
// run again while the build cache (compiled packages, export data) stays
// warm. Both tools go through the same wrapper, so its cost (one more
// process start per package) is the same on both sides.
package main

import (
	"crypto/sha256"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"syscall"
	"time"
)

func main() {
	tool := os.Getenv("VETCOST_TOOL")
	if tool == "" {
		fmt.Fprintln(os.Stderr, "wrap: VETCOST_TOOL is not set")
		os.Exit(2)
	}
	args := os.Args[1:]
	if len(args) == 1 && (args[0] == "-V=full" || args[0] == "--V=full") {
		out, err := exec.Command(tool, args[0]).Output()
		if err != nil {
			fmt.Fprintf(os.Stderr, "wrap: %s -V=full: %v\n", tool, err)
			os.Exit(1)
		}
		f := strings.Fields(string(out))
		if len(f) < 3 {
			fmt.Fprintf(os.Stderr, "wrap: %s -V=full: unexpected output %q\n", tool, out)
			os.Exit(1)
		}
		h := sha256.Sum256([]byte(string(out) + "\x00" + os.Getenv("VETCOST_NONCE")))
		fmt.Printf("%s version devel vetcost buildID=%x\n", f[0], h)
		return
	}

	cmd := exec.Command(tool, args...)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = os.Stdin, os.Stdout, os.Stderr
	start := time.Now()
	err := cmd.Run()
	wall := time.Since(start)
	if cmd.ProcessState == nil {
		fmt.Fprintf(os.Stderr, "wrap: %v\n", err)
		os.Exit(1)
	}
	if logPath := os.Getenv("VETCOST_LOG"); logPath != "" && isPackageRun(args) {
		ru, _ := cmd.ProcessState.SysUsage().(*syscall.Rusage)
		if ru != nil {
			dir, _ := os.Getwd()
			line := fmt.Sprintf("%d %d %d %d %s\n", ru.Maxrss, tv(ru.Utime), tv(ru.Stime), wall.Microseconds(), dir)
			// One write with O_APPEND: lines from concurrent tools do not interleave.
			if f, err := os.OpenFile(logPath, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o644); err == nil {
				f.WriteString(line)
				f.Close()
			}
		}
	}
	os.Exit(cmd.ProcessState.ExitCode())
}

func isPackageRun(args []string) bool {
	return len(args) > 0 && strings.HasSuffix(args[len(args)-1], ".cfg")
}

func tv(t syscall.Timeval) int64 { return int64(t.Sec)*1e6 + int64(t.Usec) }
