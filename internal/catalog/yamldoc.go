package catalog

import (
	"errors"
	"fmt"
	"strings"

	"github.com/goccy/go-yaml"
	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/parser"
)

// yamlDoc is one YAML document of a content file, kept so that problems found after
// decoding can still point at the line and column they concern.
type yamlDoc struct {
	path       string    // file path for problems
	lineOffset int       // lines before the document in its file (front matter delimiter)
	file       *ast.File // nil when the document did not parse
	problems   *Problems
}

// decodeYAML parses src strictly into v: unknown fields, wrong types and syntax errors are
// recorded as problems. It reports whether decoding succeeded.
func decodeYAML(path string, lineOffset int, src []byte, v any, problems *Problems) (*yamlDoc, bool) {
	doc := &yamlDoc{path: path, lineOffset: lineOffset, problems: problems}
	if strings.ContainsRune(string(src), '\t') {
		for i, line := range strings.Split(string(src), "\n") {
			indent := line[:len(line)-len(strings.TrimLeft(line, " \t"))]
			if strings.ContainsRune(indent, '\t') {
				doc.addAt(i+1, strings.IndexRune(line, '\t')+1, "tab in indentation; YAML indents with spaces")
				return doc, false
			}
		}
	}
	if err := parseAndDecode(doc, src, v); err != nil {
		doc.addErr(err)
		return doc, false
	}
	return doc, true
}

// parseAndDecode keeps the syntax tree for positions and decodes strictly. A panic in the
// YAML library on hostile input becomes a problem rather than a crash.
func parseAndDecode(doc *yamlDoc, src []byte, v any) (err error) {
	defer func() {
		if r := recover(); r != nil {
			doc.file = nil
			err = fmt.Errorf("cannot parse this YAML (%v); check its structure", r)
		}
	}()
	file, err := parser.ParseBytes(src, 0)
	if err != nil {
		return err
	}
	doc.file = file
	if len(file.Docs) == 1 && file.Docs[0].Body != nil {
		// Decode the tree just parsed rather than parse the text again.
		return yaml.NodeToValue(file.Docs[0].Body, v, yaml.Strict())
	}
	return yaml.UnmarshalWithOptions(src, v, yaml.Strict())
}

// addErr records a go-yaml error at the token it names.
func (d *yamlDoc) addErr(err error) {
	var yerr yaml.Error
	if errors.As(err, &yerr) {
		line, col := 0, 0
		if tk := yerr.GetToken(); tk != nil && tk.Position != nil {
			line, col = tk.Position.Line, tk.Position.Column
		}
		d.addAt(line, col, cleanYAMLMessage(yerr.GetMessage()))
		return
	}
	d.addAt(1, 0, cleanYAMLMessage(err.Error()))
}

// cleanYAMLMessage turns go-yaml's Go-centric wording into an author's wording.
func cleanYAMLMessage(msg string) string {
	msg = strings.TrimSpace(msg)
	// "cannot unmarshal string into Go struct field criterionFile.Ratings of type int"
	if _, rest, ok := strings.Cut(msg, "cannot unmarshal "); ok {
		from, _, _ := strings.Cut(rest, " ")
		to := rest[strings.LastIndex(rest, " ")+1:]
		return "expected " + yamlTypeName(to) + ", found " + yamlTypeName(from)
	}
	// "string was used where sequence is expected"
	if from, to, ok := strings.Cut(msg, " was used where "); ok {
		return "expected " + yamlTypeName(strings.TrimSuffix(to, " is expected")) + ", found " + yamlTypeName(from)
	}
	return msg
}

func yamlTypeName(t string) string {
	switch {
	case strings.HasPrefix(t, "[]"), t == "sequence", t == "array":
		return "a list"
	case strings.HasPrefix(t, "map"), t == "mapping", t == "object", strings.Contains(t, "."), strings.HasSuffix(t, "File"), strings.HasSuffix(t, "YAML"), strings.HasSuffix(t, "Matter"):
		return "a mapping"
	case strings.HasPrefix(t, "int"), strings.HasPrefix(t, "uint"), strings.HasPrefix(t, "float"), t == "number":
		return "a number"
	case t == "bool", t == "boolean":
		return "true or false"
	case t == "string":
		return "text"
	}
	return t
}

func (d *yamlDoc) addAt(line, col int, msg string) {
	if line > 0 {
		line += d.lineOffset
	}
	*d.problems = append(*d.problems, Problem{Path: d.path, Line: line, Column: col, Message: msg})
}

// add records a problem at the node that the YAML path names ("$.ratings.nodejs.rating").
// When that node is absent (a missing field), it points at the nearest parent that exists.
func (d *yamlDoc) add(path, msg string) {
	line, col := d.pos(path)
	d.addAt(line, col, msg)
}

func (d *yamlDoc) pos(path string) (line, col int) {
	if d.file == nil {
		return 1, 0
	}
	for path != "" && path != "$" {
		if node := d.node(path); node != nil {
			// A scalar is located by its value; a mapping or list by the key that holds it.
			// A mapping in a list has no key of its own: it is located by its first key
			// ("- date: …") rather than by the colon after it.
			if _, isScalar := node.(ast.ScalarNode); !isScalar {
				if key := d.key(path); key != nil {
					node = key
				} else if m, ok := node.(*ast.MappingNode); ok && len(m.Values) > 0 && m.Values[0].Key != nil {
					node = m.Values[0].Key
				}
			}
			if tk := node.GetToken(); tk != nil && tk.Position != nil {
				return tk.Position.Line, tk.Position.Column
			}
		}
		path = parentPath(path)
	}
	return 1, 1
}

func (d *yamlDoc) node(path string) ast.Node {
	p, err := yaml.PathString(path)
	if err != nil {
		return nil
	}
	node, err := p.FilterFile(d.file)
	if err != nil {
		return nil
	}
	return node
}

// key returns the key node of the mapping entry that path names, if it names one.
func (d *yamlDoc) key(path string) ast.Node {
	i := strings.LastIndex(path, ".")
	if i < 0 || strings.HasSuffix(path, "]") {
		return nil
	}
	parent, name := path[:i], path[i+1:]
	var mapping ast.Node
	if parent == "$" {
		if len(d.file.Docs) == 0 {
			return nil
		}
		mapping = d.file.Docs[0].Body
	} else {
		mapping = d.node(parent)
	}
	var entries []*ast.MappingValueNode
	switch m := mapping.(type) {
	case *ast.MappingNode:
		entries = m.Values
	case *ast.MappingValueNode:
		entries = []*ast.MappingValueNode{m}
	}
	for _, e := range entries {
		if e.Key != nil && e.Key.String() == name {
			return e.Key
		}
	}
	return nil
}

func parentPath(path string) string {
	i := strings.LastIndexAny(path, ".[")
	if i <= 0 {
		return ""
	}
	return path[:i]
}
