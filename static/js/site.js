// Site chrome: the phone menu toggle and closing the account menu. Loaded in <head> without
// defer so the "js" class is set before the first paint; without JavaScript the menu simply
// stays open and the account menu is a plain <details>.
(function () {
  "use strict";
  document.documentElement.classList.add("js");

  function init() {
    const toggle = document.querySelector(".menu-toggle");
    const menu = toggle && document.getElementById(toggle.getAttribute("aria-controls"));
    if (toggle && menu) {
      toggle.hidden = false;
      toggle.addEventListener("click", function () {
        const open = toggle.getAttribute("aria-expanded") !== "true";
        toggle.setAttribute("aria-expanded", String(open));
        menu.classList.toggle("is-open", open);
      });
    }
    document.addEventListener("click", function (event) {
      document.querySelectorAll("details.account-menu[open]").forEach(function (details) {
        if (!details.contains(event.target)) details.open = false;
      });
    });
    initFiltersPanels();
    initScrollingTables();
    document.addEventListener("keydown", function (event) {
      if (event.key !== "Escape") return;
      document.querySelectorAll("details.account-menu[open]").forEach(function (details) {
        details.open = false;
        details.querySelector("summary").focus();
      });
    });
  }

  // A list's filters (<details data-filters-panel>): collapsed behind their summary on small
  // screens, so that the results come first; always open, as a sidebar, on wide ones.
  function initFiltersPanels() {
    const wide = window.matchMedia("(min-width: 60em)");
    const panels = document.querySelectorAll("details[data-filters-panel]");
    if (!panels.length) return;
    function apply() {
      panels.forEach(function (details) {
        details.open = wide.matches;
        details.classList.toggle("is-sidebar", wide.matches);
        details.querySelector("summary").tabIndex = wide.matches ? -1 : 0;
      });
    }
    panels.forEach(function (details) {
      details.querySelector("summary").addEventListener("click", function (event) {
        if (wide.matches) event.preventDefault(); // a heading, not a toggle, on wide screens
      });
    });
    wide.addEventListener("change", apply);
    apply();
  }

  // A table wider than its box scrolls inside it (.table-wrap): that box can then be reached
  // and scrolled by keyboard, and is named after the table's caption or section heading.
  function initScrollingTables() {
    const wraps = document.querySelectorAll(".table-wrap");
    if (!wraps.length) return;
    function name(wrap) {
      const caption = wrap.querySelector("caption");
      const section = wrap.closest("section, fieldset");
      const heading = section && section.querySelector("h2, h3, legend");
      return ((caption || heading || {}).textContent || "").trim();
    }
    function apply() {
      wraps.forEach(function (wrap) {
        const scrolls = wrap.scrollWidth > wrap.clientWidth + 1;
        wrap.classList.toggle("is-scrolling", scrolls);
        if (scrolls) {
          wrap.tabIndex = 0;
          wrap.setAttribute("role", "region");
          if (name(wrap)) wrap.setAttribute("aria-label", name(wrap));
        } else {
          wrap.removeAttribute("tabindex");
          wrap.removeAttribute("role");
          wrap.removeAttribute("aria-label");
        }
      });
    }
    window.addEventListener("resize", apply);
    apply();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
