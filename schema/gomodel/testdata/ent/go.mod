module example.com/entapp

go 1.22

require (
	entgo.io/ent v0.14.1
	github.com/lib/pq v1.10.9
)
