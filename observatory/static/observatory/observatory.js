// Print every data table with its chart: open the closed <details> before printing.
window.addEventListener("beforeprint", function () {
    document.querySelectorAll("details.obs-data").forEach(function (details) {
        details.open = true;
    });
});
