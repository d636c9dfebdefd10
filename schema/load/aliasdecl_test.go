package load

import (
	"regexp"
	"testing"
)

// hasAliasDecl answers what the regexp it replaced answered.
func TestHasAliasDecl(t *testing.T) {
	re := regexp.MustCompile(`(?m)^type \w+ = `)
	for _, src := range []string{
		"", "type", "type A = B", "package m\ntype ExternalMixin = Mixin\n", "package m\n\ttype A = B\n",
		"package m\ntype A struct{}\n", "package m\ntype A=B\n", "package m\ntype  A = B\n", "package m\ntype A =B\n",
		"// type A = B\ntype C int\n", "package m\nxtype A = B\n", "package m\ntype A_1 = B\n", "package m\ntype é = B\n",
		"package m\ntype \ntype A = B", "package m\r\ntype A = B\r\n", "type A int\ntype B = A", "type A[T any] = B[T]\n",
		"package m\ntype (\n\tA = B\n)\n", "type type A = B", "type A = ",
	} {
		if got, want := hasAliasDecl([]byte(src)), re.MatchString(src); got != want {
			t.Errorf("hasAliasDecl(%q) = %v, the regexp says %v", src, got, want)
		}
	}
}

func FuzzHasAliasDecl(f *testing.F) {
	re := regexp.MustCompile(`(?m)^type \w+ = `)
	f.Add("package m\ntype A = B\n")
	f.Fuzz(func(t *testing.T, src string) {
		if got, want := hasAliasDecl([]byte(src)), re.MatchString(src); got != want {
			t.Errorf("hasAliasDecl(%q) = %v, the regexp says %v", src, got, want)
		}
	})
}
