package sqlddl

import (
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/idemlint/idemlint/schema"
)

// A nameTable agrees with a map through adds, replacements and deletions,
// across rehashes and with more names than it was sized for.
func TestNameTableLikeMap(t *testing.T) {
	tables := make([]schema.Table, 8)
	for _, size := range []int{0, 3, 1000} {
		var x nameTable
		x.init(size)
		want := map[string]rel{}
		rng := rand.New(rand.NewPCG(1, uint64(size)))
		for step := range 20000 {
			k := fmt.Sprint("n", rng.IntN(3000))
			switch rng.IntN(4) {
			case 0:
				x.del(k)
				delete(want, k)
			default:
				r := rel{t: &tables[step%len(tables)]}
				x.put(k, r)
				want[k] = r
			}
			if step%997 == 0 || step == 19999 {
				if x.len() != len(want) {
					t.Fatalf("size %d step %d: len %d, want %d", size, step, x.len(), len(want))
				}
				got := map[string]rel{}
				for k, r := range x.all {
					got[k] = r
				}
				for k, r := range want {
					if g, ok := x.get(k); !ok || g != r || got[k] != r {
						t.Fatalf("size %d step %d: %s = %v %v (all: %v), want %v", size, step, k, g, ok, got[k], r)
					}
				}
				if len(got) != len(want) {
					t.Fatalf("size %d step %d: all yields %d names, want %d", size, step, len(got), len(want))
				}
			}
		}
		if _, ok := x.get("absent"); ok {
			t.Errorf("size %d: an absent name is found", size)
		}
	}
	var zero nameTable
	if _, ok := zero.get("a"); ok || zero.len() != 0 {
		t.Error("the zero table holds a name")
	}
	zero.del("a")
	zero.put("a", rel{t: &tables[0]})
	if r, ok := zero.get("a"); !ok || r.t != &tables[0] {
		t.Error("the zero table loses a name put in it")
	}
}
