// Command wrap is the go command's -toolexec for vetcost: it stands
// between go vet and a vettool so that vetcost can measure each tool
// process and invalidate vet's results cache on demand.
//
// The go command runs it as "wrap TOOL ARGS…" for every tool it starts
// (and for every tool's -V=full identity). When TOOL is $VETCOST_TOOL,
// wrap runs it as a child and, for a package run (a *.cfg argument),
// appends one tab-separated line to $VETCOST_LOG:
//
//	maxrss-KiB	user-µs	sys-µs	wall-µs	import-path	dir	minor-faults	instructions
//
// instructions is 0 unless $VETCOST_CALLGRIND is set (and, when
// $VETCOST_CALLGRIND_ONLY names a file of import paths, the package is one
// of them): then the tool runs
// under valgrind's callgrind (with GOMAXPROCS=1 and asynchronous
// preemption off, which valgrind needs and which keeps the runtime's
// spinning threads out of the count; and with the runtime's use of RDTSCP
// off, which valgrind 3.19 does not emulate on every CPU: the tool dies of
// SIGILL in cputicks otherwise), and the count of user-space instructions
// it executed is recorded: the same for the same binary and input however
// busy the machine is, where CPU time is not.
//
// (the import path is $TOOLEXEC_IMPORTPATH, "p [p.test]" for a test
// variant). For TOOL -V=full it prints TOOL's identity with $VETCOST_NONCE
// mixed into the build ID: go vet keys cached results by that identity,
// so a new nonce makes every vet action (the module's packages and their
// dependencies) run again while the build cache (compiled packages, export
// data) stays warm. Any other tool (compile, asm…) runs untouched, so its
// identity, and with it every build action ID, stays the same.
//
// Being a -toolexec rather than the -vettool, it also reaches the go vet
// that the standalone idemlint starts for itself (through GOFLAGS).
// Every measured tool goes through the same wrapper, so its cost (one more
// process start per package) is the same on all sides.
package main

import (
	"crypto/sha256"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"syscall"
	"time"
)

func main() {
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: wrap TOOL [ARGS…] (as go's -toolexec)")
		os.Exit(2)
	}
	tool, args := os.Args[1], os.Args[2:]
	measured := sameFile(tool, os.Getenv("VETCOST_TOOL"))
	if measured && len(args) == 1 && (args[0] == "-V=full" || args[0] == "--V=full") {
		printIdentity(tool, args[0])
		return
	}

	cmd := exec.Command(tool, args...)
	var vgLog string
	if measured && os.Getenv("VETCOST_CALLGRIND") != "" && isPackageRun(args) && counted(os.Getenv("VETCOST_CALLGRIND_ONLY"), os.Getenv("TOOLEXEC_IMPORTPATH")) {
		f, err := os.CreateTemp("", "vetcost-callgrind-*.log")
		if err != nil {
			fmt.Fprintf(os.Stderr, "wrap: %v\n", err)
			os.Exit(1)
		}
		f.Close()
		vgLog = f.Name()
		defer os.Remove(vgLog)
		cmd = exec.Command("valgrind", append([]string{"--tool=callgrind", "--callgrind-out-file=/dev/null",
			"--log-file=" + vgLog, tool}, args...)...)
		cmd.Env = append(os.Environ(), "GOMAXPROCS=1", "GODEBUG="+underValgrind(os.Getenv("GODEBUG")))
	}
	cmd.Stdin, cmd.Stdout, cmd.Stderr = os.Stdin, os.Stdout, os.Stderr
	start := time.Now()
	err := cmd.Run()
	wall := time.Since(start)
	if cmd.ProcessState == nil {
		fmt.Fprintf(os.Stderr, "wrap: %v\n", err)
		os.Exit(1)
	}
	if logPath := os.Getenv("VETCOST_LOG"); measured && logPath != "" && isPackageRun(args) {
		if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
			dir, _ := os.Getwd()
			line := fmt.Sprintf("%d\t%d\t%d\t%d\t%s\t%s\t%d\t%d\n", ru.Maxrss, tv(ru.Utime), tv(ru.Stime), wall.Microseconds(),
				os.Getenv("TOOLEXEC_IMPORTPATH"), dir, ru.Minflt, collected(vgLog))
			// One write with O_APPEND: lines from concurrent tools do not interleave.
			if f, err := os.OpenFile(logPath, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o644); err == nil {
				f.WriteString(line)
				f.Close()
			}
		}
	}
	os.Exit(cmd.ProcessState.ExitCode())
}

// underValgrind returns the GODEBUG a tool runs with under valgrind: the
// caller's settings, then asynchronous preemption off and the runtime's
// RDTSCP off (later settings win, so these two hold whatever the caller set).
func underValgrind(godebug string) string {
	const ours = "asyncpreemptoff=1,cpu.rdtscp=off"
	if godebug == "" {
		return ours
	}
	return godebug + "," + ours
}

// printIdentity prints tool's -V=full line with the nonce in its build ID.
func printIdentity(tool, flag string) {
	out, err := exec.Command(tool, flag).Output()
	if err != nil {
		fmt.Fprintf(os.Stderr, "wrap: %s %s: %v\n", tool, flag, err)
		os.Exit(1)
	}
	f := strings.Fields(string(out))
	if len(f) < 3 {
		fmt.Fprintf(os.Stderr, "wrap: %s %s: unexpected output %q\n", tool, flag, out)
		os.Exit(1)
	}
	h := sha256.Sum256([]byte(string(out) + "\x00" + os.Getenv("VETCOST_NONCE")))
	fmt.Printf("%s version devel vetcost buildID=%x\n", f[0], h)
}

// sameFile reports whether a and b name the same file (go vet passes the
// -vettool path as given; the standalone idemlint passes os.Executable).
func sameFile(a, b string) bool {
	if a == "" || b == "" {
		return false
	}
	sa, errA := os.Stat(a)
	sb, errB := os.Stat(b)
	if errA != nil || errB != nil {
		return filepath.Clean(a) == filepath.Clean(b)
	}
	return os.SameFile(sa, sb)
}

func isPackageRun(args []string) bool {
	return len(args) > 0 && strings.HasSuffix(args[len(args)-1], ".cfg")
}

// counted reports whether the package run for importPath goes under
// callgrind: always, unless list names a file of import paths (the
// measured packages), one a line; then only for those, their test
// variants and external test packages.
func counted(list, importPath string) bool {
	if list == "" {
		return true
	}
	b, err := os.ReadFile(list)
	if err != nil {
		return true
	}
	ip, _, _ := strings.Cut(importPath, " [")
	for _, l := range strings.Split(string(b), "\n") {
		if l != "" && (l == ip || l+"_test" == ip) {
			return true
		}
	}
	return false
}

// collected returns the instruction count callgrind's log reports ("==N==
// Collected : 123"), or 0.
func collected(log string) int64 {
	if log == "" {
		return 0
	}
	b, _ := os.ReadFile(log)
	m := regexp.MustCompile(`Collected : (\d+)`).FindSubmatch(b)
	if m == nil {
		return 0
	}
	n, _ := strconv.ParseInt(string(m[1]), 10, 64)
	return n
}

func tv(t syscall.Timeval) int64 { return int64(t.Sec)*1e6 + int64(t.Usec) }
