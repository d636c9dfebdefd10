package keyflow

// A value received from a channel is judged by what the package sends on
// channels of its element type (chanvalue.go).
func init() {
	cases = append(cases,
		tcase{name: "a key received from a channel a handler sends a header on", q: "empty", want: Empty,
			reason: "which p.enqueue sends on a channel", src: `
type job struct{ Tenant, Key string }
func enqueue(jobs chan<- job, r *http.Request) {
	jobs <- job{Tenant: "t", Key: r.Header.Get("Idempotency-Key")}
}
func f(jobs <-chan job) {
	for j := range jobs {
		insert(j.Key)
	}
}`})
}

func init() {
	cases = append(cases,
		tcase{name: "a key received from a channel, sent generated", q: "empty", src: `
type job struct{ Tenant, Key string }
func enqueue(jobs chan<- job) {
	jobs <- job{Tenant: "t", Key: uuid.NewString()}
}
func f(jobs <-chan job) {
	for j := range jobs {
		insert(j.Key)
	}
}`},
		tcase{name: "a key received with <-, sent from a header", q: "empty", want: Empty, src: `
func send(keys chan string, r *http.Request) { keys <- r.Header.Get("Idempotency-Key") }
func f(keys chan string) {
	k := <-keys
	insert(k)
}`})
}
