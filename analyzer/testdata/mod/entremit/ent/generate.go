package ent

//go:generate go run -mod=mod ../../internal/entgen ./schema . example.com/libs/entremit/ent
