module example.com/entmixins

go 1.22

require entgo.io/ent v0.14.1
