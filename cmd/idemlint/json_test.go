package main

// The documented JSON shape of one diagnostic (go vet's, for both modes),
// decoded independently of the code that writes it.
type (
	jsonDiagnostic struct {
		Category       string             `json:"category"`
		Posn           string             `json:"posn"`
		End            string             `json:"end"`
		Message        string             `json:"message"`
		SuggestedFixes []jsonSuggestedFix `json:"suggested_fixes"`
		Related        []jsonRelated      `json:"related"`
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
		Create   bool   `json:"create"`
	}
	jsonRelated struct {
		Posn    string `json:"posn"`
		End     string `json:"end"`
		Message string `json:"message"`
	}
)

// creates returns the files a fix creates.
func (f jsonSuggestedFix) creates() []jsonTextEdit {
	var out []jsonTextEdit
	for _, e := range f.Edits {
		if e.Create {
			out = append(out, e)
		}
	}
	return out
}
