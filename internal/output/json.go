package output

import (
	"encoding/json"
	"fmt"
	"io"
)

// The JSON shape of one diagnostic, as go vet -json spells it (x/tools'
// driverutil), with "create" marking an edit that creates its file.
type (
	jsonDiagnostic struct {
		Category       string             `json:"category,omitempty"`
		Posn           string             `json:"posn"`
		End            string             `json:"end"`
		Message        string             `json:"message"`
		SuggestedFixes []jsonSuggestedFix `json:"suggested_fixes,omitempty"`
		Related        []jsonRelated      `json:"related,omitempty"`
	}
	jsonSuggestedFix struct {
		Message string         `json:"message"`
		Edits   []jsonTextEdit `json:"edits"`
	}
	jsonTextEdit struct {
		Filename string `json:"filename"`
		Start    int    `json:"start"`
		End      int    `json:"end"`
		New      string `json:"new"`
		Create   bool   `json:"create,omitempty"`
	}
	jsonRelated struct {
		Posn    string `json:"posn"`
		End     string `json:"end"`
		Message string `json:"message"`
	}
	jsonError struct {
		Err string `json:"error"`
	}
)

func jsonOf(d Diagnostic) jsonDiagnostic {
	jd := jsonDiagnostic{Category: d.Code, Posn: d.Pos.String(), End: d.End.String(), Message: d.Code + ": " + d.Message}
	for _, f := range d.Fixes {
		jf := jsonSuggestedFix{Message: f.Message, Edits: []jsonTextEdit{}}
		for _, e := range f.Edits {
			jf.Edits = append(jf.Edits, jsonTextEdit{Filename: e.Path, Start: e.Start, End: e.End, New: e.New, Create: e.Create})
		}
		jd.SuggestedFixes = append(jd.SuggestedFixes, jf)
	}
	for _, r := range d.Related {
		jd.Related = append(jd.Related, jsonRelated{Posn: r.Pos.String(), End: r.End.String(), Message: r.Message})
	}
	return jd
}

// writeVetJSON prints go vet's -json tree: package ID → "idemlint" →
// diagnostics, or {"error": "…"} for a package that failed.
func writeVetJSON(w io.Writer, diags []Diagnostic, errs []Error) error {
	tree := map[string]map[string]any{}
	entry := func(id string) map[string]any {
		if tree[id] == nil {
			tree[id] = map[string]any{}
		}
		return tree[id]
	}
	for _, e := range errs {
		m := entry(e.Package)
		msg := e.Message
		if prev, ok := m["idemlint"].(jsonError); ok {
			msg = prev.Err + "\n" + msg
		}
		m["idemlint"] = jsonError{msg}
	}
	for _, d := range diags {
		m := entry(d.Package)
		switch list := m["idemlint"].(type) {
		case []jsonDiagnostic:
			m["idemlint"] = append(list, jsonOf(d))
		case jsonError:
			// go vet's shape holds either an error or diagnostics; the error wins.
		default:
			m["idemlint"] = []jsonDiagnostic{jsonOf(d)}
		}
	}
	return writeIndented(w, tree)
}

// writeJSONList prints the diagnostics as one JSON array (idemlint schema).
func writeJSONList(w io.Writer, diags []Diagnostic) error {
	list := make([]jsonDiagnostic, 0, len(diags))
	for _, d := range diags {
		list = append(list, jsonOf(d))
	}
	return writeIndented(w, list)
}

func writeIndented(w io.Writer, v any) error {
	data, err := json.MarshalIndent(v, "", "\t")
	if err != nil {
		return err
	}
	_, err = fmt.Fprintf(w, "%s\n", data)
	return err
}
