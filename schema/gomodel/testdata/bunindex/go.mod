module example.com/bunapp

go 1.22

require (
	github.com/uptrace/bun v1.2.5
	github.com/uptrace/bun/dialect/sqlitedialect v1.2.5
)
