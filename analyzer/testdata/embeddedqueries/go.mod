module embeddedqueries

go 1.26
