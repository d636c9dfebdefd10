package main

import (
	"reflect"
	"strings"
	"testing"

	"github.com/idemlint/idemlint/analyzer"
	"github.com/idemlint/idemlint/internal/output"
)

// decodeVetJSON reads each package's idemlint entry by its shape: an
// array of diagnostics (notes apart), an object with an error, nothing
// for other analyzers or an empty package.
func TestDecodeVetJSON(t *testing.T) {
	stream := `{}
{
	"example.com/m/a": {
		"idemlint": [
			{"category": "IDEM101", "posn": "/m/a/s.sql:6:5", "end": "/m/a/s.sql:6:25", "message": "IDEM101: nullable key",
			 "suggested_fixes": [{"message": "Make it NOT NULL", "edits": [{"filename": "/m/a/s.sql", "start": 173, "end": 173, "new": " NOT NULL"}]}],
			 "related": [{"posn": "/m/a/s.sql:8:5", "end": "/m/a/s.sql:8:9", "message": "the constraint"}]},
			{"category": "note", "posn": "/m/a/a.go:3:1", "message": "not followed: x"}
		],
		"other": [{"category": "X", "posn": "/m/a/a.go:1:1", "message": "not ours"}]
	}
}
{"example.com/m/b": {"idemlint": {"error": "boom"}}, "example.com/m/c": {"other": {"error": "not ours"}}}
{"example.com/m/d": {"idemlint": null}}
`
	var res output.Result
	if err := decodeVetJSON(strings.NewReader(stream), &res); err != nil {
		t.Fatal(err)
	}
	if len(res.Diagnostics) != 1 {
		t.Fatalf("diagnostics: %+v", res.Diagnostics)
	}
	d := res.Diagnostics[0]
	if d.Package != "example.com/m/a" || d.Code != "IDEM101" || d.Message != "nullable key" || d.Pos.Line != 6 || d.End.Column != 25 ||
		len(d.Fixes) != 1 || len(d.Fixes[0].Edits) != 1 || d.Fixes[0].Edits[0].New != " NOT NULL" || d.Fixes[0].Edits[0].Start != 173 ||
		len(d.Related) != 1 || d.Related[0].Pos.Line != 8 {
		t.Errorf("diagnostic: %+v", d)
	}
	if len(res.Notes) != 1 || res.Notes[0].Message != "not followed: x" || res.Notes[0].Pos.Line != 3 {
		t.Errorf("notes: %+v", res.Notes)
	}
	want := []output.Error{{Package: "example.com/m/b", Message: "idemlint: example.com/m/b: boom"}}
	if !reflect.DeepEqual(res.Errors, want) {
		t.Errorf("errors: %+v, want %+v", res.Errors, want)
	}

	// An object that holds no error is not something go vet writes.
	if err := decodeVetJSON(strings.NewReader(`{"p": {"idemlint": {}}}`), &output.Result{}); err == nil {
		t.Error("an object without an error was read as no diagnostics")
	}
}

// The entry decodeVetJSON reads is the analyzer's, by name.
func TestVetPackageTag(t *testing.T) {
	f, _ := reflect.TypeFor[vetPackage]().FieldByName("Idemlint")
	if tag := f.Tag.Get("json"); tag != analyzer.Analyzer.Name {
		t.Errorf("vetPackage reads %q, the analyzer is %q", tag, analyzer.Analyzer.Name)
	}
}
