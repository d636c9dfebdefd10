module otherkinds

go 1.26
