// Package ent is a test double of entgo.io/ent, which ent's generated code
// imports.
package ent

type Mutation interface{ Op() int }

type Hook func(Mutation) Mutation
