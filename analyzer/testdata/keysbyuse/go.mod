module keysbyuse

go 1.26
