//go:build unix

package pgtest

import (
	"fmt"
	"os"
	"os/exec"
	"os/user"
	"strconv"
	"syscall"
)

// An account is the unprivileged user the server runs as when tests run as
// root, which PostgreSQL refuses.
type account struct {
	name     string
	uid, gid int
}

func (a *account) apply(cmd *exec.Cmd) {
	cmd.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{
		Uid: uint32(a.uid), Gid: uint32(a.gid), NoSetGroups: true,
	}}
	cmd.Env = append(cmd.Env, "HOME=/", "USER="+a.name)
}

const fallbackUser = "idemlint-pg"

// serverAccount returns the account to run the server as: nil when not
// root; else $PGTEST_USER, "nobody", or a system user created for it.
func serverAccount() (*account, error) {
	if os.Geteuid() != 0 {
		return nil, nil
	}
	names := []string{"nobody", fallbackUser}
	if n := os.Getenv("PGTEST_USER"); n != "" {
		names = []string{n}
	}
	for _, n := range names {
		if a, err := lookupAccount(n); err == nil {
			return a, nil
		}
	}
	if os.Getenv("PGTEST_USER") != "" {
		return nil, fmt.Errorf("running as root and $PGTEST_USER=%s does not exist", os.Getenv("PGTEST_USER"))
	}
	if out, err := exec.Command("useradd", "--system", "--no-create-home", "--shell", "/usr/sbin/nologin", fallbackUser).CombinedOutput(); err != nil {
		return nil, fmt.Errorf("running as root and no unprivileged user to run PostgreSQL as: useradd %s: %v: %s", fallbackUser, err, out)
	}
	return lookupAccount(fallbackUser)
}

func lookupAccount(name string) (*account, error) {
	u, err := user.Lookup(name)
	if err != nil {
		return nil, err
	}
	uid, err1 := strconv.Atoi(u.Uid)
	gid, err2 := strconv.Atoi(u.Gid)
	if err1 != nil || err2 != nil || uid == 0 {
		return nil, fmt.Errorf("user %s: unusable uid/gid %s/%s", name, u.Uid, u.Gid)
	}
	return &account{name: name, uid: uid, gid: gid}, nil
}
