package payment

// ExternalMixin is an alias in a file that does not mention ent.
type ExternalMixin = Mixin
