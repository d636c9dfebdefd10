package keyfacts

import "testing"

func TestKeyParamTarget(t *testing.T) {
	for _, tc := range []struct {
		name string
		k    KeyParam
		want string
	}{
		{"column", KeyParam{Table: "orders", Column: "idempotency_key"}, "orders.idempotency_key"},
		{"interface argument", KeyParam{
			Table: "billing.Store.Insert", Column: "arg 1 (.Checkout.IdempotencyKey)",
			Iface: &IfaceArg{IfacePkg: "example.com/svc/billing", Iface: "Store", Method: "Insert", Arg: 1, ArgPath: []string{"Checkout", "IdempotencyKey"}},
		}, "argument 1's Checkout.IdempotencyKey of billing.Store.Insert, an interface method whose implementations out of view write the key"},
		{"whole interface argument", KeyParam{
			Iface: &IfaceArg{IfacePkg: "billing", Iface: "Store", Method: "Insert", Arg: 2},
		}, "argument 2 of billing.Store.Insert, an interface method whose implementations out of view write the key"},
	} {
		if got := tc.k.Target(); got != tc.want {
			t.Errorf("%s: Target() = %q, want %q", tc.name, got, tc.want)
		}
	}
}
