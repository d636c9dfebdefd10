package prisma

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/idemlint/idemlint/schema"
)

// TestModelSnapshot guards a change of the reader that must not change
// what it reads (a speed-up): with PRISMA_SNAPSHOT=DIR it writes the
// models of the corpus schemas, the repository's Prisma test data and the
// fuzz seeds to DIR when DIR has none, and otherwise compares the models
// read now with the ones written there (go-cmp diff). Run it once before
// the change and once after. Without PRISMA_SNAPSHOT it is skipped.
func TestModelSnapshot(t *testing.T) {
	dir := os.Getenv("PRISMA_SNAPSHOT")
	if dir == "" {
		t.Skip("PRISMA_SNAPSHOT not set: nothing to compare with")
	}
	inputs := snapshotInputs(t)
	if len(inputs) == 0 {
		t.Fatal("no inputs")
	}
	for name, m := range inputs {
		got := dumpValue(reflect.ValueOf(m))
		path := filepath.Join(dir, strings.NewReplacer("/", "_", "..", "_").Replace(name)+".json")
		data, err := os.ReadFile(path)
		if os.IsNotExist(err) {
			out, err := json.MarshalIndent(got, "", " ")
			if err != nil {
				t.Fatal(err)
			}
			if err := os.MkdirAll(dir, 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(path, out, 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		if err != nil {
			t.Fatal(err)
		}
		var want any
		if err := json.Unmarshal(data, &want); err != nil {
			t.Fatal(err)
		}
		// Compare in JSON's terms (numbers as float64).
		out, _ := json.Marshal(got)
		var norm any
		json.Unmarshal(out, &norm)
		if d := cmp.Diff(want, norm); d != "" {
			t.Errorf("%s: model changed (-before +now):\n%s", name, d)
		}
	}
	t.Logf("%d models compared or written in %s", len(inputs), dir)
}

// snapshotInputs reads each input: the corpus's trigger.dev schema, dub's
// folder as one schema and each of its files alone, the repository's
// testdata/prisma files and folders, and the fuzz seeds.
func snapshotInputs(t *testing.T) map[string]*schema.Model {
	out := map[string]*schema.Model{}
	read := func(name, path string) {
		src, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		out[name] = Parse(path, src)
	}
	if root := os.Getenv("PRISMA_SNAPSHOT_CORPUS"); root != "" {
		trigger := filepath.Join(root, "trigger.dev", "schema.prisma")
		read("trigger.dev", trigger)
		// Broken variants: recovery and the order of errors.
		src, err := os.ReadFile(trigger)
		if err != nil {
			t.Fatal(err)
		}
		rng := rand.New(rand.NewPCG(21, 21))
		const noise = "{}()@\"\n?[]=,x/*"
		for i := range 60 {
			b := slices.Clone(src)
			for range 1 + i%5 {
				at := rng.IntN(len(b))
				switch rng.IntN(3) {
				case 0:
					b = slices.Delete(b, at, at+1)
				case 1:
					b = slices.Insert(b, at, noise[rng.IntN(len(noise))])
				default:
					b[at] = noise[rng.IntN(len(noise))]
				}
			}
			out[fmt.Sprintf("trigger.dev-broken-%02d", i)] = Parse("broken.prisma", b)
		}
		dub := filepath.Join(root, "dub", "schema")
		m, err := LoadDir(dub)
		if err != nil {
			t.Fatal(err)
		}
		out["dub"] = m
		files, _ := filepath.Glob(filepath.Join(dub, "*.prisma"))
		for _, f := range files {
			read("dub-"+filepath.Base(f), f)
		}
	}
	filepath.WalkDir("../../testdata/prisma", func(path string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if m, err := LoadDir(path); err == nil && len(m.Files) > 0 {
				out["dir-"+path] = m
			}
			return nil
		}
		if strings.HasSuffix(path, ".prisma") {
			read("file-"+path, path)
		}
		return nil
	})
	seeds, _ := filepath.Glob("testdata/fuzz/FuzzParse/*")
	for _, s := range seeds {
		data, err := os.ReadFile(s)
		if err != nil {
			t.Fatal(err)
		}
		// A seed file is "go test fuzz v1" then []byte("…").
		lines := strings.SplitN(string(data), "\n", 2)
		if len(lines) < 2 {
			continue
		}
		var src string
		if _, err := fmt.Sscanf(strings.TrimSpace(strings.TrimSuffix(strings.TrimPrefix(strings.TrimSpace(lines[1]), "[]byte("), ")")), "%q", &src); err != nil {
			continue
		}
		out["seed-"+filepath.Base(s)] = Parse("fuzz.prisma", []byte(src))
	}
	return out
}

// dumpValue turns a model into plain maps, lists and scalars: a span
// becomes "path:start-end", a file its path, its contents and comments.
func dumpValue(v reflect.Value) any {
	switch v.Type() {
	case reflect.TypeOf(schema.Span{}):
		s := v.Interface().(schema.Span)
		if s.File == nil {
			return "-"
		}
		return fmt.Sprintf("%s:%d-%d", s.File.Path, s.Start, s.End)
	case reflect.TypeOf(&schema.File{}):
		f := v.Interface().(*schema.File)
		if f == nil {
			return nil
		}
		return map[string]any{"path": f.Path, "src": string(f.Src), "syntax": fmt.Sprintf("%T", f.Syntax), "comments": dumpValue(reflect.ValueOf(f.Comments))}
	}
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface:
		if v.IsNil() {
			return nil
		}
		return dumpValue(v.Elem())
	case reflect.Struct:
		m := map[string]any{}
		for i := range v.NumField() {
			if !v.Type().Field(i).IsExported() {
				continue
			}
			m[v.Type().Field(i).Name] = dumpValue(v.Field(i))
		}
		if c, ok := v.Interface().(schema.Column); ok {
			// Fields that became methods keep their place in the dump.
			m["NullSpan"] = dumpValue(reflect.ValueOf(c.NullSpan()))
			m["Comment"] = c.Comment()
			m["DefinedBy"] = dumpValue(reflect.ValueOf(c.DefinedBy()))
			m["FieldName"] = c.FieldName()
			m["NativeType"] = c.NativeType()
			m["NameSpan"] = dumpValue(reflect.ValueOf(c.NameSpan()))
			m["TypeSpan"] = dumpValue(reflect.ValueOf(c.TypeSpan()))
		}
		return m
	case reflect.Slice, reflect.Array:
		if v.Kind() == reflect.Slice && v.IsNil() {
			return nil
		}
		l := make([]any, v.Len())
		for i := range l {
			l[i] = dumpValue(v.Index(i))
		}
		return l
	case reflect.Map:
		m := map[string]any{}
		keys := v.MapKeys()
		sort.Slice(keys, func(i, j int) bool { return fmt.Sprint(keys[i]) < fmt.Sprint(keys[j]) })
		for _, k := range keys {
			m[fmt.Sprint(k)] = dumpValue(v.MapIndex(k))
		}
		return m
	case reflect.Func:
		return nil
	}
	return fmt.Sprintf("%v", v.Interface())
}
