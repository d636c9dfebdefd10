package analyzer_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/idemlint/idemlint/analyzer"
	"github.com/idemlint/idemlint/config"
	"github.com/idemlint/idemlint/internal/schematest"
)

// TestHonestFixes checks that a fix's message says what its edit does and
// what it buys (package honestfix): a derived key names what it hashes
// and warns that another request with the same values gets the same key;
// a field the handler fills from a request header is left out of it, with
// the header named, while the same field decoded from the body is hashed;
// a payout's key is not derived from its merchant and amount alone (two
// equal payouts are two requests), and the random key's message says
// why, while a client's request id beside them gets the derived key.
// Every fix matches its golden, and each golden builds.
func TestHonestFixes(t *testing.T) {
	dir := libraryModule(t)
	results := schematest.RunWithSuggestedFixes(t, dir, analyzer.New(&config.Options{Checks: "-IDEM104"}), "./honestfix")
	var msgs []string
	for _, r := range results {
		for _, d := range r.Diagnostics {
			for _, fix := range d.SuggestedFixes {
				msgs = append(msgs, fix.Message)
			}
		}
	}
	has := func(parts ...string) bool {
		return slices.ContainsFunc(msgs, func(m string) bool {
			for _, p := range parts {
				if !strings.Contains(m, p) {
					return false
				}
			}
			return true
		})
	}
	for _, want := range [][]string{
		{"Derive the key from the request (SHA-256 of in.Provider, in.Payload) at the top of RecordWebhook", "and so is any other request with the same in.Provider, in.Payload, so use it only where those values identify one request",
			"left out: in.DeliveryID is the request header X-Delivery-ID (Header.Get) (honestfix/honestfix.go:", "which a sender may set anew on each delivery, so a retry need not repeat it"},
		{"Derive the key from the request (SHA-256 of in.Provider, in.BodyDeliveryID, in.Payload) at the top of RecordBodyWebhook"},
		{"Generate a random key at the top of Payout ", "no key is derived from merchantID, amountCents: they include an amount (amountCents), and two payments with the same values are two requests"},
		{"Derive the key from the request (SHA-256 of merchantID, amountCents, clientRequestID) at the top of PayoutWithRequestID"},
	} {
		if !has(want...) {
			t.Errorf("no fix says all of %q; fixes:\n%s", want, strings.Join(msgs, "\n"))
		}
	}
	for _, m := range msgs {
		if strings.Contains(m, "SHA-256 of in.Provider, in.DeliveryID") || strings.Contains(m, "at the top of Payout ") && strings.HasPrefix(m, "Derive") {
			t.Errorf("a derived key reads what it should not: %s", m)
		}
	}
	buildModuleGoldens(t, dir, "honestfix")
}
