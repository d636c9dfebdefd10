package golangci

import (
	"fmt"

	"github.com/golangci/plugin-module-register/register"
	"golang.org/x/tools/go/analysis"

	"github.com/idemlint/idemlint/analyzer"
	"github.com/idemlint/idemlint/config"
)

// Name is the linter's name in .golangci.yml.
const Name = "idemlint"

func init() {
	register.Plugin(Name, New)
}

// Settings are the plugin's settings in .golangci.yml, named as the CLI's
// flags are.
type Settings struct {
	Schema    []string `json:"schema"`
	Key       []string `json:"key"`
	Dialect   string   `json:"dialect"`
	Checks    string   `json:"checks"`
	Uncovered bool     `json:"uncovered"`
}

// Plugin is the registered linter.
type Plugin struct {
	opts *config.Options
}

var _ register.LinterPlugin = (*Plugin)(nil)

// New decodes golangci-lint's settings for the linter. Unknown settings
// and values Options.Resolve rejects (a dialect or check code idemlint
// does not know) are errors here, so a typo stops the run at start-up
// instead of in the middle of a package.
func New(raw any) (register.LinterPlugin, error) {
	s, err := register.DecodeSettings[Settings](raw)
	if err != nil {
		return nil, fmt.Errorf("idemlint settings: %w", err)
	}
	opts := &config.Options{
		Schema:    s.Schema,
		Keys:      s.Key,
		Dialect:   s.Dialect,
		Checks:    s.Checks,
		Uncovered: s.Uncovered,
		// golangci-lint drops diagnostics outside Go files.
		AnchorEmbed: true,
		// golangci-lint applies //nolint itself.
		NolintByDriver: true,
	}
	// The settings given here win over the module's .idemlint.yaml, as
	// flags do.
	if m, ok := raw.(map[string]any); ok {
		for k := range m {
			opts.MarkSet(k)
		}
	}
	opts.MarkSet("anchor-embed") // always, whatever the file says
	if _, err := opts.Resolve(""); err != nil {
		return nil, fmt.Errorf("idemlint settings: %w", err)
	}
	return &Plugin{opts: opts}, nil
}

// BuildAnalyzers returns idemlint's analyzer, configured by the settings.
func (p *Plugin) BuildAnalyzers() ([]*analysis.Analyzer, error) {
	return []*analysis.Analyzer{analyzer.New(p.opts)}, nil
}

// GetLoadMode asks for type information: the Go-side checks follow values
// through types and SSA.
func (p *Plugin) GetLoadMode() string { return register.LoadModeTypesInfo }
