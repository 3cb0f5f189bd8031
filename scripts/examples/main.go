// Command examples prints one URL of every kind of HTML page, from the page registry
// (server.Examples), for scripts that visit every kind: "kind status path" per line.
//
//	go run ./scripts/examples [-content DIR]
package main

import (
	"flag"
	"fmt"
	"io/fs"
	"os"

	"github.com/versus-web/versus/content"
	"github.com/versus-web/versus/internal/catalog"
	"github.com/versus-web/versus/internal/server"
)

func main() {
	dir := flag.String("content", "", "content folder (default: the embedded content)")
	flag.Parse()
	var fsys fs.FS = content.FS()
	if *dir != "" {
		fsys = os.DirFS(*dir)
	}
	cat, err := catalog.Load(fsys, catalog.Options{})
	if err != nil {
		fmt.Fprintln(os.Stderr, "examples:", err)
		os.Exit(1)
	}
	for _, e := range server.Examples(cat) {
		if e.HTML {
			fmt.Println(e.Kind, e.Status, e.Path)
		}
	}
}
