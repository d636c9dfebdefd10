package vetshare

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"

	"github.com/idemlint/idemlint/schema/migrate"
)

// WorkDir returns the go command's scratch folder of the run that started
// this tool process, given the unitchecker configuration file it was
// started with ($WORK/b001/vet.cfg), or "" when cfg is not in one.
func WorkDir(cfg string) string {
	if filepath.Base(cfg) != "vet.cfg" {
		return ""
	}
	action := filepath.Dir(cfg)
	work := filepath.Dir(action)
	if !isActionDir(filepath.Base(action)) || !strings.HasPrefix(filepath.Base(work), "go-build") {
		return ""
	}
	return work
}

// FactsOnly reports whether the unitchecker configuration file cfg asks
// for facts only (its VetxOnly field): go vet runs the tool so on a
// package that others import and that is not itself reported (a
// dependency, or a package whose test variant, holding the same files, is
// the one reported), and drops the run's diagnostics. It looks for the
// field as the go command writes it (json.MarshalIndent), without
// decoding the file, whose import maps can run to hundreds of kilobytes;
// false when cfg cannot be read or says otherwise.
func FactsOnly(cfg string) bool {
	if !strings.HasSuffix(cfg, ".cfg") {
		return false
	}
	data, err := os.ReadFile(cfg)
	return err == nil && bytes.Contains(data, []byte(`"VetxOnly": true`))
}

// TestFiles reports whether the unitchecker configuration file cfg names
// a test file among the package's Go files: go vet runs the tool so on the
// test variant of a package with tests in its own package name, and on
// its external test package. As FactsOnly, it reads the field as the go
// command writes it, without decoding the whole file; false when cfg
// cannot be read or names none.
func TestFiles(cfg string) bool {
	if !strings.HasSuffix(cfg, ".cfg") {
		return false
	}
	data, err := os.ReadFile(cfg)
	if err != nil {
		return false
	}
	_, list, ok := bytes.Cut(data, []byte(`"GoFiles": [`))
	if !ok {
		return false
	}
	// The list's strings, up to its "]" (one inside a string, a path's,
	// does not end it).
	for i := 0; i < len(list); i++ {
		switch list[i] {
		case ']':
			return false
		case '"':
			end := i + 1
			for end < len(list) && list[end] != '"' {
				if list[end] == '\\' {
					end++ // an escaped character
				}
				end++
			}
			if end >= len(list) {
				return false
			}
			if bytes.HasSuffix(list[i+1:end], []byte("_test.go")) {
				return true
			}
			i = end
		}
	}
	return false
}

// isActionDir reports whether name is the go command's name for an
// action's folder: b followed by digits.
func isActionDir(name string) bool {
	if len(name) < 2 || name[0] != 'b' {
		return false
	}
	for _, r := range name[1:] {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

// FindSchemas returns migrate.FindSchemas(root), walking the module only
// when no other process of the run whose scratch folder is work has done
// so. With work "" it just walks.
func FindSchemas(work, root string) ([]migrate.Source, error) {
	return Once(work, "schemas-v1", root, func() ([]migrate.Source, error) { return migrate.FindSchemas(root) })
}

// Once returns compute(), a walk of the module at root whose answer
// depends on nothing else, computed by only the first process of the run
// whose scratch folder is work: the others read its answer, stored there
// as JSON under kind (which names the walk and the version of its
// answer's shape). With work "" it just computes. An answer computed with
// an error is not shared.
func Once[T any](work, kind, root string, compute func() (T, error)) (T, error) {
	if work == "" {
		return compute()
	}
	name := filepath.Join(work, "idemlint-"+kind+"-"+digest(root)+".json")
	if data, err := os.ReadFile(name); err == nil {
		var v T
		if json.Unmarshal(data, &v) == nil {
			return v, nil
		}
	}
	v, err := compute()
	if err == nil {
		write(name, v) // best effort: a failure only means more walks
	}
	return v, err
}

// digest names root's entry; roots differ within a run when go vet spans
// several modules (a workspace).
func digest(root string) string {
	sum := sha256.Sum256([]byte(root))
	return hex.EncodeToString(sum[:8])
}

// write stores v under name through a temporary file and a rename, so
// that a process reading concurrently sees the whole file or none.
func write(name string, v any) {
	data, err := json.Marshal(v)
	if err != nil {
		return
	}
	tmp, err := os.CreateTemp(filepath.Dir(name), filepath.Base(name)+".*")
	if err != nil {
		return
	}
	_, werr := tmp.Write(data)
	cerr := tmp.Close()
	if werr != nil || cerr != nil || os.Rename(tmp.Name(), name) != nil {
		os.Remove(tmp.Name())
	}
}
