// Package testuser runs a test's checks with the privileges of an ordinary
// user, for tests of what happens when a file cannot be read or written.
// CI runs the tests as root, and root ignores permission bits: a chmod 000
// file stays readable. When the test process is root, [Drop] runs the
// current test again in a child process as the user nobody; otherwise the
// test is unprivileged already and carries on in-process.
package testuser
