package schema

// A CheckInfo describes one schema check for the docs, the CLI's -list
// output and diagnostics' categories.
type CheckInfo struct {
	Code    string
	Title   string
	Enabled bool   // on by default
	DocURL  string // the check's entry in docs/checks.md
}

const docBase = "https://github.com/idemlint/idemlint/blob/main/docs/checks.md#"

// Checks is the catalogue of schema checks. Codes are stable: a retired
// check keeps its code reserved.
var Checks = []CheckInfo{
	{Code: "IDEM101", Title: "nullable idempotency key in a unique constraint where NULLs are distinct", Enabled: true, DocURL: docBase + "idem101"},
	{Code: "IDEM102", Title: "idempotency key covered by no unique constraint", Enabled: false, DocURL: docBase + "idem102"},
	{Code: "IDEM103", Title: "nullable member of an idempotency key's composite unique", Enabled: true, DocURL: docBase + "idem103"},
	{Code: "IDEM104", Title: "Prisma schema and its migrations disagree about an idempotency key", Enabled: true, DocURL: docBase + "idem104"},
}

// Lookup returns the catalogue entry for code.
func Lookup(code string) (CheckInfo, bool) {
	for _, c := range Checks {
		if c.Code == code {
			return c, true
		}
	}
	return CheckInfo{}, false
}
