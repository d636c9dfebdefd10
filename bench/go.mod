module github.com/idemlint/idemlint/bench

go 1.26.0

require (
	github.com/google/go-cmp v0.7.0
	github.com/idemlint/idemlint v0.0.0
	github.com/sqlc-dev/oliphant v0.2.0
)

require google.golang.org/protobuf v1.36.12 // indirect

replace github.com/idemlint/idemlint => ../
