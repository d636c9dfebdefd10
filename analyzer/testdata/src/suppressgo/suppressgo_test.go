package suppressgo

// Findings in test files are never reported, so neither are their
// directives.
//
//nolint:idemlint
func helperForTests() {}
