package prisma

// An arena hands out slices carved from large chunks, so that the many
// short lists of a schema (fields, attributes, arguments) cost a few
// allocations instead of one or more each. Lists are built on a stack, which
// nested lists share, and copied into a chunk when complete.
type arena[T any] struct {
	chunk []T
	stack []T
}

func (a *arena[T]) mark() int { return len(a.stack) }

func (a *arena[T]) push(v T) { a.stack = append(a.stack, v) }

// pop returns the items pushed since mark, moved into a chunk.
func (a *arena[T]) pop(mark int) []T {
	items := a.stack[mark:]
	n := len(items)
	if n == 0 {
		return nil
	}
	if cap(a.chunk)-len(a.chunk) < n {
		a.chunk = make([]T, 0, max(32, n))
	}
	lo := len(a.chunk)
	a.chunk = append(a.chunk, items...)
	a.stack = a.stack[:mark]
	return a.chunk[lo:len(a.chunk):len(a.chunk)]
}

// reset forgets every list handed out, keeping the memory for the next
// ones: the caller no longer uses them.
func (a *arena[T]) reset() {
	a.chunk = a.chunk[:0]
	a.stack = a.stack[:0]
}
