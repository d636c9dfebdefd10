package config

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/idemlint/idemlint/checks"
	"github.com/idemlint/idemlint/schema"
)

// FileName is the name of the configuration file every driver reads, at
// the root of the module (or, in a repository without Go, of the
// repository).
//
// YAML, because it is what a Go team already writes its lint
// configuration in (.golangci.yml, .pre-commit-config.yaml, sqlc.yaml,
// GitHub workflows), and because the golangci-lint plugin's settings:
// block, which has the same keys, is YAML: it can be moved into this file
// as it is.
const FileName = ".idemlint.yaml"

// altFileName is the other spelling YAML files go by.
const altFileName = ".idemlint.yml"

// The settings a configuration file may hold: the names of the flags.
var fileKeys = []string{"schema", "key", "dialect", "checks", "uncovered", "anchor-embed"}

// Find returns the configuration file that governs dir: the nearest
// FileName (or .idemlint.yml) in dir or its parents, looking no higher
// than the first folder that holds go.mod or .git, the root of the module
// or repository dir belongs to. "" when there is none.
func Find(dir string) string {
	if dir == "" {
		return ""
	}
	dir, err := filepath.Abs(dir)
	if err != nil {
		return ""
	}
	for {
		for _, name := range []string{FileName, altFileName} {
			p := filepath.Join(dir, name)
			if info, err := os.Stat(p); err == nil && info.Mode().IsRegular() {
				return p
			}
		}
		if isRoot(dir) {
			return ""
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return ""
		}
		dir = parent
	}
}

// isRoot reports whether dir is a module's or a repository's root.
func isRoot(dir string) bool {
	for _, marker := range []string{"go.mod", ".git"} {
		if _, err := os.Stat(filepath.Join(dir, marker)); err == nil {
			return true
		}
	}
	return false
}

// ReadFile reads a configuration file. Relative schema paths in it are
// made absolute from the file's folder. An unknown setting, a value of the
// wrong shape, or a dialect or check idemlint does not know is an error
// that names the file, line and column.
func ReadFile(path string) (Options, error) {
	src, err := os.ReadFile(path)
	if err != nil {
		return Options{}, err
	}
	return parseFile(path, src)
}

func parseFile(path string, src []byte) (Options, error) {
	var o Options
	var doc yaml.Node
	if err := yaml.Unmarshal(src, &doc); err != nil {
		return o, fmt.Errorf("%s: %v", path, strings.TrimPrefix(err.Error(), "yaml: "))
	}
	if len(doc.Content) == 0 {
		return o, nil // empty, or only comments
	}
	root := doc.Content[0]
	if root.Kind != yaml.MappingNode {
		return o, posErr(path, root, "want settings as key: value lines (%s)", strings.Join(fileKeys, ", "))
	}
	seen := map[string]bool{}
	for i := 0; i+1 < len(root.Content); i += 2 {
		k, v := root.Content[i], root.Content[i+1]
		if seen[k.Value] {
			return o, posErr(path, k, "%s is set twice", k.Value)
		}
		seen[k.Value] = true
		var err error
		switch k.Value {
		case "schema":
			o.Schema, err = listValue(path, v)
			for j, p := range o.Schema {
				if !filepath.IsAbs(p) {
					o.Schema[j] = filepath.Join(filepath.Dir(path), p)
				}
			}
		case "key":
			o.Keys, err = listValue(path, v)
		case "dialect":
			if o.Dialect, err = stringValue(path, v); err == nil {
				if _, ok := schema.ParseDialect(o.Dialect); !ok {
					err = posErr(path, v, "dialect %q: unknown dialect (postgresql, cockroachdb, mysql, mariadb, sqlite, sqlserver, oracle)", o.Dialect)
				}
			}
		case "checks":
			var list []string
			if list, err = listValue(path, v); err == nil {
				o.Checks = strings.Join(list, ",")
				if _, serr := checks.Select(o.Checks); serr != nil {
					err = posErr(path, v, "%v", strings.TrimPrefix(serr.Error(), "-checks: "))
				}
			}
		case "uncovered":
			o.Uncovered, err = boolValue(path, v)
		case "anchor-embed":
			o.AnchorEmbed, err = boolValue(path, v)
		default:
			err = posErr(path, k, "unknown setting %q (the settings are %s: the names of the flags)", k.Value, strings.Join(fileKeys, ", "))
		}
		if err != nil {
			return Options{}, err
		}
		o.markSet(k.Value)
	}
	return o, nil
}

func posErr(path string, n *yaml.Node, format string, args ...any) error {
	return fmt.Errorf("%s:%d:%d: %s", path, n.Line, n.Column, fmt.Sprintf(format, args...))
}

// listValue reads a list: a YAML sequence of strings, or one string whose
// items are separated by commas, as the flag takes them.
func listValue(path string, v *yaml.Node) ([]string, error) {
	var raw []string
	switch v.Kind {
	case yaml.ScalarNode:
		raw = strings.Split(v.Value, ",")
	case yaml.SequenceNode:
		for _, item := range v.Content {
			if item.Kind != yaml.ScalarNode {
				return nil, posErr(path, item, "want a string in this list")
			}
			raw = append(raw, strings.Split(item.Value, ",")...)
		}
	default:
		return nil, posErr(path, v, "want a list ([a, b], or one item per line) or a comma-separated string")
	}
	var out []string
	for _, s := range raw {
		if s = strings.TrimSpace(s); s != "" {
			out = append(out, s)
		}
	}
	return out, nil
}

func stringValue(path string, v *yaml.Node) (string, error) {
	if v.Kind != yaml.ScalarNode {
		return "", posErr(path, v, "want a string")
	}
	return v.Value, nil
}

func boolValue(path string, v *yaml.Node) (bool, error) {
	var b bool
	if v.Kind != yaml.ScalarNode || v.Decode(&b) != nil {
		return false, posErr(path, v, "want true or false")
	}
	return b, nil
}
