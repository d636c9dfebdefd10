module example.com/enthelpers

go 1.26.0

require entgo.io/ent v0.14.5
