package testvariant

import (
	"net/http/httptest"
	"testing"
)

// A test in the package's own name: go vet's test variant holds it.
func TestKeyOf(t *testing.T) {
	r := httptest.NewRequest("GET", "/", nil)
	if KeyOf(r) != "" {
		t.Fatal("a key without the header")
	}
}
