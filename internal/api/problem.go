package api

import (
	"bytes"
	"net/http"

	"github.com/versus-web/versus/internal/paths"
)

// ProblemMediaType is the Content-Type of error documents (RFC 9457).
const ProblemMediaType = "application/problem+json"

// Problem is an error document (RFC 9457). Its type is always "about:blank": the status
// says what went wrong, and the detail says what to do about it. The detail never
// repeats what the client sent.
type Problem struct {
	Type   string `json:"type"`
	Title  string `json:"title"`
	Status int    `json:"status"`
	Detail string `json:"detail"`
}

// The problems the API answers with. Each is the same for every request, so each is
// encoded once.
var (
	NotFound = problem(http.StatusNotFound,
		"There is no API document at this path. "+paths.API+" lists the documents.")
	CriterionNotFound = problem(http.StatusNotFound,
		"There is no criterion with this slug. "+paths.APICriteria+" lists the criteria.")
	MethodNotAllowed = problem(http.StatusMethodNotAllowed,
		"The API is read-only: it answers GET and HEAD requests only.")
	ServerError = problem(http.StatusInternalServerError,
		"Something went wrong on our side. Please try again in a moment.")
)

// problem encodes the problem document of a status.
func problem(status int, detail string) []byte {
	var buf bytes.Buffer
	if err := Write(&buf, Problem{Type: "about:blank", Title: http.StatusText(status), Status: status, Detail: detail}); err != nil {
		panic(err) // four strings always encode
	}
	return buf.Bytes()
}
