package output

import (
	"io"
	"net/url"
	"os"
	"path/filepath"
	"strings"

	"github.com/idemlint/idemlint/checks"
)

// The subset of SARIF 2.1.0 idemlint writes: one run, the catalogue as
// rules, results with physical and related locations, and fixes.
type (
	sarifLog struct {
		Schema  string     `json:"$schema"`
		Version string     `json:"version"`
		Runs    []sarifRun `json:"runs"`
	}
	sarifRun struct {
		Tool               sarifTool                `json:"tool"`
		Invocations        []sarifInvocation        `json:"invocations"`
		OriginalURIBaseIDs map[string]sarifArtifact `json:"originalUriBaseIds,omitempty"`
		Results            []sarifResult            `json:"results"`
		ColumnKind         string                   `json:"columnKind"`
	}
	sarifTool struct {
		Driver sarifDriver `json:"driver"`
	}
	sarifDriver struct {
		Name           string      `json:"name"`
		Version        string      `json:"version,omitempty"`
		InformationURI string      `json:"informationUri,omitempty"`
		Rules          []sarifRule `json:"rules"`
	}
	sarifRule struct {
		ID                   string             `json:"id"`
		ShortDescription     sarifText          `json:"shortDescription"`
		HelpURI              string             `json:"helpUri"`
		DefaultConfiguration sarifConfiguration `json:"defaultConfiguration"`
		Properties           map[string]any     `json:"properties,omitempty"`
	}
	sarifConfiguration struct {
		Enabled bool   `json:"enabled"`
		Level   string `json:"level"`
	}
	sarifText struct {
		Text string `json:"text"`
	}
	sarifInvocation struct {
		ExecutionSuccessful bool                `json:"executionSuccessful"`
		Notifications       []sarifNotification `json:"toolExecutionNotifications,omitempty"`
	}
	sarifNotification struct {
		Level   string    `json:"level"`
		Message sarifText `json:"message"`
	}
	sarifResult struct {
		RuleID           string          `json:"ruleId"`
		RuleIndex        int             `json:"ruleIndex"`
		Level            string          `json:"level"`
		Message          sarifText       `json:"message"`
		Locations        []sarifLocation `json:"locations"`
		RelatedLocations []sarifLocation `json:"relatedLocations,omitempty"`
		Fixes            []sarifFix      `json:"fixes,omitempty"`
	}
	sarifLocation struct {
		ID               *int                  `json:"id,omitempty"`
		PhysicalLocation sarifPhysicalLocation `json:"physicalLocation"`
		Message          *sarifText            `json:"message,omitempty"`
	}
	sarifPhysicalLocation struct {
		ArtifactLocation sarifArtifact `json:"artifactLocation"`
		Region           *sarifRegion  `json:"region,omitempty"`
	}
	sarifArtifact struct {
		URI       string `json:"uri"`
		URIBaseID string `json:"uriBaseId,omitempty"`
	}
	sarifRegion struct {
		StartLine   int  `json:"startLine,omitempty"`
		StartColumn int  `json:"startColumn,omitempty"`
		EndLine     int  `json:"endLine,omitempty"`
		EndColumn   int  `json:"endColumn,omitempty"`
		ByteOffset  *int `json:"byteOffset,omitempty"`
		ByteLength  *int `json:"byteLength,omitempty"`
	}
	sarifFix struct {
		Description     sarifText             `json:"description"`
		ArtifactChanges []sarifArtifactChange `json:"artifactChanges"`
	}
	sarifArtifactChange struct {
		ArtifactLocation sarifArtifact      `json:"artifactLocation"`
		Replacements     []sarifReplacement `json:"replacements"`
	}
	sarifReplacement struct {
		DeletedRegion   sarifRegion `json:"deletedRegion"`
		InsertedContent sarifText   `json:"insertedContent"`
	}
)

const srcRoot = "SRCROOT"

// writeSARIF prints diags as a SARIF 2.1.0 log. Paths below the working
// directory are relative to SRCROOT (what code scanning expects); columns
// count UTF-16 code units, SARIF's default.
func writeSARIF(w io.Writer, diags []Diagnostic, errs []Error, tool ToolInfo) error {
	cwd, _ := os.Getwd()
	s := sarifWriter{cwd: cwd, lines: newLineCache()}
	run := sarifRun{
		Tool:        sarifTool{Driver: sarifDriver{Name: tool.Name, Version: tool.Version, InformationURI: tool.InformationURI, Rules: sarifRules()}},
		Invocations: []sarifInvocation{{ExecutionSuccessful: len(errs) == 0}},
		Results:     []sarifResult{},
		ColumnKind:  "utf16CodeUnits",
	}
	if cwd != "" {
		run.OriginalURIBaseIDs = map[string]sarifArtifact{srcRoot: {URI: fileURI(cwd) + "/"}}
	}
	for _, e := range errs {
		run.Invocations[0].Notifications = append(run.Invocations[0].Notifications, sarifNotification{Level: "error", Message: sarifText{e.Message}})
	}
	for _, d := range diags {
		run.Results = append(run.Results, s.result(d))
	}
	return writeIndented(w, sarifLog{Schema: "https://json.schemastore.org/sarif-2.1.0.json", Version: "2.1.0", Runs: []sarifRun{run}})
}

func sarifRules() []sarifRule {
	rules := make([]sarifRule, 0, len(checks.All))
	for _, c := range checks.All {
		rules = append(rules, sarifRule{
			ID: c.Code, ShortDescription: sarifText{c.Title}, HelpURI: c.URL(),
			DefaultConfiguration: sarifConfiguration{Enabled: c.Default, Level: c.Level},
			Properties:           map[string]any{"category": c.Category},
		})
	}
	return rules
}

type sarifWriter struct {
	cwd   string
	lines *lineCache
}

func (s sarifWriter) result(d Diagnostic) sarifResult {
	level, index := "warning", -1
	for i, c := range checks.All {
		if c.Code == d.Code {
			level, index = c.Level, i
		}
	}
	r := sarifResult{RuleID: d.Code, RuleIndex: index, Level: level, Message: sarifText{d.Message},
		Locations: []sarifLocation{{PhysicalLocation: s.location(d.Pos, d.End)}}}
	for i, rel := range d.Related {
		id := i + 1
		r.RelatedLocations = append(r.RelatedLocations, sarifLocation{ID: &id, PhysicalLocation: s.location(rel.Pos, rel.End), Message: &sarifText{rel.Message}})
	}
	for _, f := range d.Fixes {
		r.Fixes = append(r.Fixes, s.fix(f))
	}
	return r
}

func (s sarifWriter) artifact(path string) sarifArtifact {
	if rel, err := filepath.Rel(s.cwd, path); err == nil && s.cwd != "" && !strings.HasPrefix(rel, "..") && !filepath.IsAbs(rel) {
		return sarifArtifact{URI: (&url.URL{Path: filepath.ToSlash(rel)}).String(), URIBaseID: srcRoot}
	}
	return sarifArtifact{URI: fileURI(path)}
}

func (s sarifWriter) location(pos, end Position) sarifPhysicalLocation {
	loc := sarifPhysicalLocation{ArtifactLocation: s.artifact(pos.Path)}
	if pos.Line == 0 {
		return loc
	}
	if end.Path != pos.Path || end.Line == 0 {
		end = pos
	}
	loc.Region = &sarifRegion{
		StartLine: pos.Line, StartColumn: s.lines.utf16Column(pos),
		EndLine: end.Line, EndColumn: s.lines.utf16Column(end),
	}
	return loc
}

func (s sarifWriter) fix(f Fix) sarifFix {
	sf := sarifFix{Description: sarifText{f.Message}}
	byFile := map[string]int{}
	for _, e := range f.Edits {
		i, ok := byFile[e.Path]
		if !ok {
			i = len(sf.ArtifactChanges)
			byFile[e.Path] = i
			sf.ArtifactChanges = append(sf.ArtifactChanges, sarifArtifactChange{ArtifactLocation: s.artifact(e.Path)})
		}
		off, n := e.Start, e.End-e.Start
		sf.ArtifactChanges[i].Replacements = append(sf.ArtifactChanges[i].Replacements, sarifReplacement{
			DeletedRegion:   sarifRegion{ByteOffset: &off, ByteLength: &n},
			InsertedContent: sarifText{e.New},
		})
	}
	return sf
}

func fileURI(path string) string {
	return (&url.URL{Scheme: "file", Path: filepath.ToSlash(path)}).String()
}
