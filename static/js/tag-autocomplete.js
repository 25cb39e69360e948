// Suggests existing tags for comma-separated tag inputs ([data-tag-autocomplete]); commas and
// semicolons separate tags, as in portal/tag_parsing.py.
// The endpoint answers {results: [{slug, label}]}, the label in the visitor's language.
// Without JavaScript the field stays a plain text input.
(function () {
  "use strict";
  function lastTerm(value) {
    const parts = value.split(/[,;]/);
    return parts[parts.length - 1].trim();
  }
  function setup(input) {
    const list = document.createElement("datalist");
    list.id = input.id + "-suggestions";
    input.setAttribute("list", list.id);
    input.after(list);
    let timer = null;
    input.addEventListener("input", function () {
      clearTimeout(timer);
      const term = lastTerm(input.value);
      if (term.length < 2) return;
      timer = setTimeout(function () {
        fetch(input.dataset.tagAutocomplete + "?q=" + encodeURIComponent(term), {
          headers: { Accept: "application/json" },
        })
          .then((r) => (r.ok ? r.json() : { results: [] }))
          .then(function (data) {
            const cut = Math.max(input.value.lastIndexOf(","), input.value.lastIndexOf(";"));
            const prefix = input.value.slice(0, cut + 1);
            list.replaceChildren(
              ...data.results.map(function (tag) {
                // The label in the visitor's language: saving maps it back to the tag
                // (portal/tag_labels.py canonical_tag_names), whatever the language.
                const option = document.createElement("option");
                option.value = (prefix ? prefix + " " : "") + tag.label + ", ";
                option.label = tag.label;
                return option;
              }),
            );
          })
          .catch(function () {});
      }, 150);
    });
  }
  document.querySelectorAll("[data-tag-autocomplete]").forEach(setup);
})();
