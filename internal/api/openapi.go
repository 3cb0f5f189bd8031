package api

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"io"
)

// openAPI is the OpenAPI 3.1 document that describes the API, written by hand. The
// tests validate it, and validate every response they fetch against it.
//
//go:embed openapi.json
var openAPI []byte

// openAPIDocument is the document's top level, in its order. The rest is kept as
// written; WriteOpenAPI fills in the site's URL and the data's license.
type openAPIDocument struct {
	OpenAPI    string          `json:"openapi"`
	Info       openAPIInfo     `json:"info"`
	Servers    []openAPIServer `json:"servers"`
	Paths      json.RawMessage `json:"paths"`
	Components json.RawMessage `json:"components"`
}

type openAPIInfo struct {
	Title       string         `json:"title"`
	Summary     string         `json:"summary,omitempty"`
	Description string         `json:"description,omitempty"`
	Version     string         `json:"version"`
	License     openAPILicense `json:"license"`
}

type openAPILicense struct {
	Name string `json:"name"`
	URL  string `json:"url,omitempty"`
}

type openAPIServer struct {
	URL         string `json:"url"`
	Description string `json:"description,omitempty"`
}

// WriteOpenAPI writes the OpenAPI document for a site: its server is the site's public
// origin, or "/" (the origin the document was fetched from) without one, and its
// license is the data's.
func WriteOpenAPI(w io.Writer, s Site) error {
	var doc openAPIDocument
	dec := json.NewDecoder(bytes.NewReader(openAPI))
	dec.DisallowUnknownFields() // a field added to openapi.json but not above would be lost
	if err := dec.Decode(&doc); err != nil {
		return err
	}
	doc.Info.License = openAPILicense(s.License)
	doc.Servers = []openAPIServer{{URL: "/", Description: "The site that served this document"}}
	if s.BaseURL != "" {
		doc.Servers = []openAPIServer{{URL: s.BaseURL, Description: "The site"}}
	}
	return Write(w, doc)
}
