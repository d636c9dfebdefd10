package gomodel

import (
	"testing"

	gormschema "gorm.io/gorm/schema"
)

// gormNames are Go field and type names whose snake_case is in question:
// initialisms alone, leading, trailing, doubled and pluralised, digits
// after letters and initialisms, upper-case words that are no
// initialism, lower-case starts, underscores and a non-ASCII letter.
var gormNames = []string{
	"ID", "URLKey", "HTTPServerID", "IdempotencyKEY", "Key2", "userID",
	"UserIDs", "UUIDv4", "MyHTTPS", "HTTPSProxy", "ÜberKey", "SSOCert", "OAuth2Client", "APIKey", "ID2", "A1B",
	"JSONData", "IPAddress", "Key2Value", "RequestIDHash", "X", "XMLHttpRequest", "TLSConfig", "UID", "UIDs",
	"HTTP2Key", "Idempotency_Key", "idempotencyKey", "ABCd", "AbcD", "V1Key", "KeyV2", "IdemKey99X",
	"GUIDKey", "UTF8Key", "ACLs", "SMTPServer", "DNSName", "UIKey", "APIs", "IdempotencyKeyID", "Key_ID", "_Key",
	"key", "KEY", "Ke", "K2", "PaymentIntentIDs", "ExternalUUID",
}

// TestSnakeCaseAgreesWithGorm: a GORM model's column and default table
// are GORM's own naming of the field and type names (the default
// NamingStrategy of the real gorm.io/gorm); SnakeCase and plural(snake)
// must give the same.
func TestSnakeCaseAgreesWithGorm(t *testing.T) {
	ns := gormschema.NamingStrategy{}
	for _, n := range gormNames {
		if got, want := SnakeCase(n), ns.ColumnName("", n); got != want {
			t.Errorf("SnakeCase(%q) = %q, GORM's column is %q", n, got, want)
		}
		if got, want := plural(snake(n)), ns.TableName(n); got != want {
			t.Errorf("plural(snake(%q)) = %q, GORM's table is %q", n, got, want)
		}
	}
}

// FuzzSnakeCaseAgreesWithGorm: on any name, SnakeCase is GORM's column
// name.
func FuzzSnakeCaseAgreesWithGorm(f *testing.F) {
	for _, n := range gormNames {
		f.Add(n)
	}
	ns := gormschema.NamingStrategy{}
	f.Fuzz(func(t *testing.T, n string) {
		if got, want := SnakeCase(n), ns.ColumnName("", n); got != want {
			t.Errorf("SnakeCase(%q) = %q, GORM's column is %q", n, got, want)
		}
	})
}
