// Package vocab is the vocabulary every Go-side rule of idemlint speaks
// alike: which Go types can carry a missing key (nil pointers, the
// sql.Null*-like structs with a Valid field), access paths (a variable
// followed by field selections, a parameter's field path), and what
// counts as checking a value (a comparison with nil, a read of Valid, a
// validator call whose rules require it: rules.go holds the known
// validators, their rule syntax and struct tags). The flow rule, the contract rule and the fixes ask here
// so that they cannot disagree on the same code.
package vocab
