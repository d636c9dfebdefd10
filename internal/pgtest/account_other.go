//go:build !unix

package pgtest

import "os/exec"

type account struct {
	name     string
	uid, gid int
}

func (a *account) apply(*exec.Cmd) {}

func serverAccount() (*account, error) { return nil, nil }
