module generatedkeys

go 1.26
