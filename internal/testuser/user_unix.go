//go:build unix

package testuser

import (
	"fmt"
	"os/exec"
	"os/user"
	"strconv"
	"syscall"
)

func lookupNobody() (uid, gid int, err error) {
	u, err := user.Lookup("nobody")
	if err != nil {
		return 0, 0, err
	}
	uid, err1 := strconv.Atoi(u.Uid)
	gid, err2 := strconv.Atoi(u.Gid)
	if err1 != nil || err2 != nil || uid == 0 {
		return 0, 0, fmt.Errorf("user nobody has unusable uid/gid %s/%s", u.Uid, u.Gid)
	}
	return uid, gid, nil
}

func setUser(cmd *exec.Cmd, uid, gid int) {
	cmd.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{
		Uid: uint32(uid), Gid: uint32(gid), NoSetGroups: true,
	}}
}
