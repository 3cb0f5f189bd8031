package web

// AboutView is the page that says what the site is and how its content may be reused.
type AboutView struct {
	Title    string // the comparison's
	Criteria int
	Articles int
	Sources  int
	OpenData []Resource // the ways to get the content as data, in the order listed
}

// Resource is one way to get the content as data.
type Resource struct {
	Name        string
	Path        string
	Description string
}
