// Package e2e holds the browser tests: the real server, the real content and headless
// Chromium driven by chromedp. They run when Chromium is installed (CI always installs
// it) and are skipped, with a message, when it is not. Screenshots of every page type
// go to internal/e2e/artifacts/ (git-ignored).
package e2e
