// Applies the colour theme the reader chose before the page paints, so a dark page never
// flashes light. Loaded without defer on purpose; it is a few lines and touches no DOM
// but the root element.
(function () {
  try {
    var theme = localStorage.getItem("versus-theme");
    if (theme === "dark" || theme === "light") {
      document.documentElement.dataset.theme = theme;
    }
  } catch (e) {
    // Storage may be blocked; the system setting applies.
  }
})();
