// The validation summary above the editor's tabs (templates/wagtailadmin/panels/
// tabbed_interface.html): a link opens the field's tab first, then moves focus to the field.
(() => {
  const summary = document.querySelector("[data-error-summary]");
  if (!summary) return;
  summary.addEventListener("click", (event) => {
    const link = event.target.closest("a[data-error-tab]");
    if (!link) return;
    const tab = document.getElementById(`tab-label-${link.dataset.errorTab}`);
    const field = document.querySelector(link.getAttribute("href"));
    if (tab) tab.click();
    if (field) {
      event.preventDefault();
      window.setTimeout(() => {
        field.scrollIntoView({ block: "center" });
        field.focus({ preventScroll: true });
      }, 50);
    }
  });
  summary.focus();
})();
