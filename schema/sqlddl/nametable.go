package sqlddl

import "hash/maphash"

// A nameTable maps names to one relation each, like map[string]rel in
// about two thirds of the memory: the entries sit in chunks in the order
// they were added (32 bytes each; growing moves none), found through
// 4-byte slots kept at most three quarters full, where the map rounds its
// groups of 32-byte slots up to a power of two. A large declarative schema
// holds hundreds of thousands of names while it is read, and the map was a
// ninth of what reading allocated.
type nameTable struct {
	seed   maphash.Seed
	slots  []int32 // 0: empty; -1: deleted; i > 0: entry i-1
	chunks [][]nameEntry
	n      int // entries added, deleted ones included
	live   int
	used   int // slots not empty (live or deleted)
}

// chunkBits sizes the chunks of entries: 256 of them, 8 KiB.
const chunkBits = 8

func (x *nameTable) entry(i int32) *nameEntry {
	return &x.chunks[i>>chunkBits][i&(1<<chunkBits-1)]
}

type nameEntry struct {
	key string
	r   rel
}

// init empties x and sizes it for n names.
func (x *nameTable) init(n int) {
	x.seed = maphash.MakeSeed()
	x.chunks = nil
	x.slots = make([]int32, slotsFor(n))
	x.n, x.live, x.used = 0, 0, 0
}

// slotsFor returns a power of two at least 4/3 of n.
func slotsFor(n int) int {
	s := 8
	for s*3 < n*4 {
		s *= 2
	}
	return s
}

func (x *nameTable) len() int { return x.live }

// find returns the slot of k, or of where k would go, and whether k is
// there.
func (x *nameTable) find(k string) (int, bool) {
	mask := len(x.slots) - 1
	i := int(maphash.String(x.seed, k)) & mask
	free := -1
	for {
		switch s := x.slots[i]; {
		case s == 0:
			if free < 0 {
				free = i
			}
			return free, false
		case s < 0:
			if free < 0 {
				free = i
			}
		case x.entry(s-1).key == k:
			return i, true
		}
		i = (i + 1) & mask
	}
}

// get returns k's relation.
func (x *nameTable) get(k string) (rel, bool) {
	if x.live == 0 {
		return rel{}, false
	}
	if i, ok := x.find(k); ok {
		return x.entry(x.slots[i] - 1).r, true
	}
	return rel{}, false
}

// put makes r the relation of k.
func (x *nameTable) put(k string, r rel) {
	if len(x.slots) == 0 {
		x.init(0)
	}
	i, ok := x.find(k)
	if ok {
		x.entry(x.slots[i] - 1).r = r
		return
	}
	if x.slots[i] == 0 {
		if (x.used+1)*4 > len(x.slots)*3 {
			x.rehash(x.live + 1)
			i, _ = x.find(k)
		}
		x.used++
	}
	if x.n>>chunkBits == len(x.chunks) {
		x.chunks = append(x.chunks, make([]nameEntry, 1<<chunkBits))
	}
	e := x.entry(int32(x.n))
	e.key, e.r = k, r
	x.n++
	x.slots[i] = int32(x.n)
	x.live++
}

// del forgets k.
func (x *nameTable) del(k string) {
	if x.live == 0 {
		return
	}
	if i, ok := x.find(k); ok {
		*x.entry(x.slots[i] - 1) = nameEntry{} // let the relation go
		x.slots[i] = -1
		x.live--
	}
}

// rehash indexes the live entries in slots sized for n names, dropping
// deleted ones. (A deleted entry's place stays empty in its chunk.)
func (x *nameTable) rehash(n int) {
	old := x.slots
	x.slots = make([]int32, slotsFor(max(n, 2*x.live)))
	x.used = 0
	for _, s := range old {
		if s > 0 {
			i, _ := x.find(x.entry(s - 1).key)
			x.slots[i] = s
			x.used++
		}
	}
}

// all yields each name and its relation.
func (x *nameTable) all(yield func(string, rel) bool) {
	for _, s := range x.slots {
		if s > 0 {
			e := x.entry(s - 1)
			if !yield(e.key, e.r) {
				return
			}
		}
	}
}
