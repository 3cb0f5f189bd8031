package web

// heading is a section heading with a link to itself beside it, as Markdown headings
// have (internal/markdown.Permalink), and optionally a Share button.
type heading struct {
	id    string // the heading element's id
	link  string // the id its permalink goes to, such as its section's; id when empty
	label string // the heading's text, which names the permalink
	level int    // 3 for an h3; otherwise an h2
	share *share // a Share button for the section, if any
}

// target is the id the heading's permalink and Share button go to.
func (h heading) target() string {
	if h.link != "" {
		return h.link
	}
	return h.id
}

// share is what a Share button shares: the page, or a section of it (id), under a title.
type share struct {
	id    string // the section's id; empty for the page as a whole
	title string // the title the Web Share API passes on
	name  string // completes the button's accessible name: "Share " + name
}
