package sqlddl

// A keyword is one of the words the recognisers look for. The reader
// classifies each identifier of a statement once, when collecting it, so
// that matching a keyword is comparing two bytes rather than spellings.
type keyword uint8

const (
	notKeyword keyword = iota // any other token, quoted names included
	kwAdd
	kwAll
	kwAlter
	kwAlways
	kwAs
	kwAsc
	kwAttach
	kwAutoincrement
	kwAutoIncrement
	kwBy
	kwCascade
	kwCast
	kwChange
	kwCharacter
	kwCharset
	kwCheck
	kwClone
	kwClustered
	kwCollate
	kwColumn
	kwComment
	kwCompression
	kwConcurrently
	kwConflict
	kwConstraint
	kwCreate
	kwData
	kwDefault
	kwDefaults
	kwDelete
	kwDesc
	kwDistinct
	kwDrop
	kwExclude
	kwExcluding
	kwExists
	kwFor
	kwForeign
	kwFulltext
	kwGenerated
	kwGlobal
	kwIdentity
	kwIf
	kwInclude
	kwIncluding
	kwInherits
	kwIndex
	kwIndexes
	kwInvisible
	kwKey
	kwLike
	kwLocal
	kwModify
	kwNo
	kwNonclustered
	kwNot
	kwNull
	kwNulls
	kwOf
	kwOn
	kwOnly
	kwOptions
	kwOr
	kwPartition
	kwPeriod
	kwPrimary
	kwReferences
	kwRename
	kwReplace
	kwReset
	kwRestrict
	kwRowguidcol
	kwSet
	kwSparse
	kwSpatial
	kwSrid
	kwStorage
	kwStored
	kwTable
	kwTemp
	kwTemporary
	kwTo
	kwType
	kwUnique
	kwUnlogged
	kwUpdate
	kwUsing
	kwVirtual
	kwVisible
	kwWhere
	numKeywords

	unknownKeyword keyword = 255 // not classified yet
)

// keywordNames spells each keyword in upper case.
var keywordNames = [numKeywords]string{
	kwAdd:           "ADD",
	kwAll:           "ALL",
	kwAlter:         "ALTER",
	kwAlways:        "ALWAYS",
	kwAs:            "AS",
	kwAttach:        "ATTACH",
	kwAsc:           "ASC",
	kwAutoincrement: "AUTOINCREMENT",
	kwAutoIncrement: "AUTO_INCREMENT",
	kwBy:            "BY",
	kwCast:          "CAST",
	kwCascade:       "CASCADE",
	kwChange:        "CHANGE",
	kwCharacter:     "CHARACTER",
	kwCharset:       "CHARSET",
	kwCheck:         "CHECK",
	kwClone:         "CLONE",
	kwClustered:     "CLUSTERED",
	kwCollate:       "COLLATE",
	kwColumn:        "COLUMN",
	kwComment:       "COMMENT",
	kwCompression:   "COMPRESSION",
	kwConcurrently:  "CONCURRENTLY",
	kwConflict:      "CONFLICT",
	kwConstraint:    "CONSTRAINT",
	kwCreate:        "CREATE",
	kwData:          "DATA",
	kwDefault:       "DEFAULT",
	kwDefaults:      "DEFAULTS",
	kwDelete:        "DELETE",
	kwDesc:          "DESC",
	kwDistinct:      "DISTINCT",
	kwDrop:          "DROP",
	kwExclude:       "EXCLUDE",
	kwExcluding:     "EXCLUDING",
	kwExists:        "EXISTS",
	kwFor:           "FOR",
	kwForeign:       "FOREIGN",
	kwFulltext:      "FULLTEXT",
	kwGenerated:     "GENERATED",
	kwGlobal:        "GLOBAL",
	kwIdentity:      "IDENTITY",
	kwIf:            "IF",
	kwInclude:       "INCLUDE",
	kwInherits:      "INHERITS",
	kwIncluding:     "INCLUDING",
	kwIndex:         "INDEX",
	kwIndexes:       "INDEXES",
	kwInvisible:     "INVISIBLE",
	kwKey:           "KEY",
	kwLike:          "LIKE",
	kwLocal:         "LOCAL",
	kwModify:        "MODIFY",
	kwNo:            "NO",
	kwNonclustered:  "NONCLUSTERED",
	kwNot:           "NOT",
	kwNull:          "NULL",
	kwNulls:         "NULLS",
	kwOf:            "OF",
	kwOn:            "ON",
	kwOnly:          "ONLY",
	kwOptions:       "OPTIONS",
	kwOr:            "OR",
	kwPartition:     "PARTITION",
	kwPeriod:        "PERIOD",
	kwPrimary:       "PRIMARY",
	kwReferences:    "REFERENCES",
	kwRename:        "RENAME",
	kwReplace:       "REPLACE",
	kwReset:         "RESET",
	kwRestrict:      "RESTRICT",
	kwRowguidcol:    "ROWGUIDCOL",
	kwSet:           "SET",
	kwSparse:        "SPARSE",
	kwSpatial:       "SPATIAL",
	kwSrid:          "SRID",
	kwStorage:       "STORAGE",
	kwStored:        "STORED",
	kwTable:         "TABLE",
	kwTemp:          "TEMP",
	kwTemporary:     "TEMPORARY",
	kwTo:            "TO",
	kwType:          "TYPE",
	kwUnique:        "UNIQUE",
	kwUnlogged:      "UNLOGGED",
	kwUpdate:        "UPDATE",
	kwUsing:         "USING",
	kwVirtual:       "VIRTUAL",
	kwVisible:       "VISIBLE",
	kwWhere:         "WHERE",
}

const maxKeywordLen = 14 // len("AUTO_INCREMENT")

const keywordTableSize = 512

// keywordTable is an open-addressing hash table of the keywords, indexed by
// keywordHash of their spelling; notKeyword marks empty slots.
var keywordTable = func() (t [keywordTableSize]keyword) {
	for k := keyword(1); k < numKeywords; k++ {
		if len(keywordNames[k]) > maxKeywordLen {
			panic("sqlddl: keyword " + keywordNames[k] + " is longer than maxKeywordLen")
		}
		h := keywordHash([]byte(keywordNames[k]))
		for t[h] != notKeyword {
			h = (h + 1) % keywordTableSize
		}
		t[h] = k
	}
	return t
}()

// keywordStarts[n] has bit c-'a' set when a keyword of n letters starts
// with c: most names are rejected by it without hashing.
var keywordStarts = func() (t [maxKeywordLen + 1]uint32) {
	for _, name := range keywordNames[1:] {
		t[len(name)] |= 1 << ((name[0] | 0x20) - 'a')
	}
	return t
}()

// keywordHash hashes b, of at least two bytes, into keywordTable from its
// length and three of its bytes, ignoring ASCII case (c|0x20 folds letters;
// lookupKeyword confirms a match with eqFold). It runs on every identifier,
// so it reads few bytes; the keywords probe at most three slots.
func keywordHash(b []byte) uint {
	return (uint(len(b))*61 + uint(b[0]|0x20)*7 + uint(b[1]|0x20)*3 + uint(b[len(b)-1]|0x20)*17) % keywordTableSize
}

// lookupKeyword returns the keyword an unquoted identifier spells, or
// notKeyword.
func lookupKeyword(b []byte) keyword {
	if len(b) < 2 || len(b) > maxKeywordLen {
		return notKeyword
	}
	if c := (b[0] | 0x20) - 'a'; c >= 26 || keywordStarts[len(b)]&(1<<c) == 0 {
		return notKeyword
	}
	for h := keywordHash(b); ; h = (h + 1) % keywordTableSize {
		k := keywordTable[h]
		if k == notKeyword || eqFold(b, keywordNames[k]) {
			return k
		}
	}
}

// A stopSet is a set of keywords that end a clause.
type stopSet [(numKeywords + 63) / 64]uint64

func newStopSet(kws ...keyword) stopSet {
	var s stopSet
	for _, k := range kws {
		s[k/64] |= 1 << (k % 64)
	}
	return s
}

func (s *stopSet) has(k keyword) bool { return s[k/64]&(1<<(k%64)) != 0 }
