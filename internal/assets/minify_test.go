package assets

import "testing"

func TestMinifyCSS(t *testing.T) {
	for _, tt := range []struct{ name, in, want string }{
		{"comments and spacing", "/* a */\nbody {\n  color: red; /* why */\n  margin: 0 auto;\n}\n", "body{color:red;margin:0 auto}"},
		{"descendant pseudo-class keeps its space", "main :focus { outline: none }", "main :focus{outline:none}"},
		{"combinators and lists", "h1, .a > .b:has(> p) { x: 1 }", "h1,.a>.b:has(>p){x:1}"},
		{"media query", "@media (max-width: 30rem) and (prefers-color-scheme: dark) {\n  a { b: c }\n}", "@media (max-width:30rem) and (prefers-color-scheme:dark){a{b:c}}"},
		{"calc and important", "a { width: calc(1rem + 3px) !important; }", "a{width:calc(1rem + 3px)!important}"},
		{"strings are kept", `a::after { content: " /* (" attr(href) ";} " }`, `a::after{content:" /* (" attr(href) ";} "}`},
		{"escaped quote", `a { content: "\"  x" }`, `a{content:"\"  x"}`},
		{"unterminated comment", "a{b:c}/* open", "a{b:c}"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if got := string(minifyCSS([]byte(tt.in))); got != tt.want {
				t.Errorf("minifyCSS(%q)\n got %q\nwant %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestMinifyJS(t *testing.T) {
	in := "// Header comment.\n(function () {\n  \"use strict\";\n\n  // Explains.\n  var re = /src=\"\\//g; // kept: code on the line\n  /* kept */\n})();\n"
	want := "(function () {\n\"use strict\";\nvar re = /src=\"\\//g; // kept: code on the line\n/* kept */\n})();\n"
	if got := string(minifyJS([]byte(in))); got != want {
		t.Errorf("minifyJS:\n got %q\nwant %q", got, want)
	}
}
