// Applies the colour theme the reader chose before the page paints, so a dark page never
// flashes light, and marks the root element "js" so the stylesheet can keep a place for
// controls that site.js shows later (the theme toggle), and nothing moves when they appear.
// Loaded without defer on purpose; it is a few lines and touches no DOM but the root element.
(function () {
  document.documentElement.classList.add("js");
  try {
    var theme = localStorage.getItem("versus-theme");
    if (theme === "dark" || theme === "light") {
      document.documentElement.dataset.theme = theme;
    }
  } catch (e) {
    // Storage may be blocked; the system setting applies.
  }
})();
