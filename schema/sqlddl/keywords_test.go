package sqlddl

import (
	"strings"
	"testing"
)

func TestLookupKeyword(t *testing.T) {
	for k := keyword(1); k < numKeywords; k++ {
		name := keywordNames[k]
		for _, s := range []string{name, strings.ToLower(name), strings.ToUpper(name[:1]) + strings.ToLower(name[1:])} {
			if got := lookupKeyword([]byte(s)); got != k {
				t.Errorf("lookupKeyword(%q) = %v, want %v", s, got, k)
			}
		}
		for _, s := range []string{name + "S", name[1:], name[:len(name)-1] + "X", "_" + name} {
			if got := lookupKeyword([]byte(s)); got != notKeyword && keywordNames[got] != strings.ToUpper(s) {
				t.Errorf("lookupKeyword(%q) = %s", s, keywordNames[got])
			}
		}
	}
	for _, s := range []string{"", "x", "idempotency_key", "tenant_id", "CREATEX", "créate", "\xff\xfe"} {
		if got := lookupKeyword([]byte(s)); got != notKeyword {
			t.Errorf("lookupKeyword(%q) = %s, want none", s, keywordNames[got])
		}
	}
}
