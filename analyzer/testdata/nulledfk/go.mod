module nulledfk

go 1.26
