module github.com/idemlint/idemlint/bench

go 1.26.0

require (
	github.com/google/go-cmp v0.7.0
	github.com/idemlint/idemlint v0.0.0
	github.com/sqlc-dev/oliphant v0.2.0
	golang.org/x/tools v0.52.0
)

require (
	go.yaml.in/yaml/v3 v3.0.4 // indirect
	golang.org/x/mod v0.42.0 // indirect
)

require (
	golang.org/x/sync v0.24.0 // indirect
	google.golang.org/protobuf v1.36.12
)

replace github.com/idemlint/idemlint => ../
