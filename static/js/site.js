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
    document.addEventListener("keydown", function (event) {
      if (event.key !== "Escape") return;
      document.querySelectorAll("details.account-menu[open]").forEach(function (details) {
        details.open = false;
        details.querySelector("summary").focus();
      });
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
