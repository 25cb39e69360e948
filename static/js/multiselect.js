// A multi-select that works by touch and keyboard and can be filtered by typing, built on
// native elements: every <select multiple> of the page becomes a filter box over a list of
// checkboxes (one fieldset per option group). The <select> stays in the form, hidden, and
// follows the checkboxes, so the form posts exactly what it did before. Without JavaScript the
// plain <select multiple> remains.
//
// The words come from the script element's data attributes (translated by the template):
// data-filter-label, data-selected (with "%s" for the count), data-no-match.
(function () {
  "use strict";

  const script = document.currentScript;
  const strings = {
    filterLabel: (script && script.dataset.filterLabel) || "Type to filter",
    selected: (script && script.dataset.selected) || "%s selected",
    noMatch: (script && script.dataset.noMatch) || "Nothing matches.",
  };

  function normalise(text) {
    return text
      .normalize("NFD")
      .replace(/[\u0300-\u036f]/g, "")
      .toLowerCase();
  }

  function enhance(select) {
    const id = select.id;
    const label = id && document.querySelector('label[for="' + id + '"]');
    const wrapper = document.createElement("div");
    wrapper.className = "multiselect";
    wrapper.setAttribute("role", "group");

    const search = document.createElement("div");
    search.className = "multiselect__search";
    const filter = document.createElement("input");
    filter.type = "search";
    filter.id = id + "_filter";
    filter.autocomplete = "off";
    filter.placeholder = strings.filterLabel;
    const status = document.createElement("p");
    status.className = "multiselect__status";
    status.id = id + "_status";
    status.setAttribute("aria-live", "polite");
    filter.setAttribute("aria-describedby", status.id);
    search.append(filter, status);

    const list = document.createElement("div");
    list.className = "multiselect__list";
    const empty = document.createElement("p");
    empty.className = "multiselect__empty meta";
    empty.textContent = strings.noMatch;
    empty.hidden = true;

    const boxes = [];
    function optionBox(option, index) {
      const row = document.createElement("label");
      row.className = "multiselect__option";
      const box = document.createElement("input");
      box.type = "checkbox";
      box.id = id + "_option_" + index;
      box.value = option.value;
      box.checked = option.selected;
      box.disabled = option.disabled;
      box.addEventListener("change", function () {
        option.selected = box.checked;
        select.dispatchEvent(new Event("change", { bubbles: true }));
        update();
      });
      const text = document.createElement("span");
      text.textContent = option.textContent.trim();
      row.append(box, text);
      boxes.push({ box: box, row: row, text: normalise(text.textContent) });
      return row;
    }

    let index = 0;
    Array.from(select.children).forEach(function (child) {
      if (child.tagName === "OPTGROUP") {
        const group = document.createElement("fieldset");
        group.className = "multiselect__group";
        const legend = document.createElement("legend");
        legend.textContent = child.label;
        group.append(legend);
        Array.from(child.children).forEach(function (option) {
          group.append(optionBox(option, index++));
        });
        list.append(group);
      } else if (child.tagName === "OPTION") {
        list.append(optionBox(child, index++));
      }
    });
    list.append(empty);
    wrapper.append(search, list);

    function update() {
      const count = boxes.filter(function (item) {
        return item.box.checked;
      }).length;
      status.textContent = strings.selected.replace("%s", count);
    }

    filter.addEventListener("input", function () {
      const query = normalise(filter.value.trim());
      let shown = 0;
      boxes.forEach(function (item) {
        const match = !query || item.text.includes(query);
        item.row.hidden = !match;
        if (match) shown++;
      });
      list.querySelectorAll(".multiselect__group").forEach(function (group) {
        group.hidden = !group.querySelector(".multiselect__option:not([hidden])");
      });
      empty.hidden = shown > 0;
    });
    filter.addEventListener("keydown", function (event) {
      if (event.key === "Enter") {
        // Enter in the filter box picks the only match instead of sending the form.
        event.preventDefault();
        const visible = boxes.filter(function (item) {
          return !item.row.hidden;
        });
        if (visible.length === 1) visible[0].box.click();
      }
    });

    if (label) {
      // The field's label now names the filter box (and the group of checkboxes).
      label.id = label.id || id + "_label";
      label.htmlFor = filter.id;
      wrapper.setAttribute("aria-labelledby", label.id);
    } else {
      filter.setAttribute("aria-label", strings.filterLabel);
    }
    const described = select.getAttribute("aria-describedby");
    if (described) wrapper.setAttribute("aria-describedby", described);
    select.hidden = true;
    select.tabIndex = -1;
    select.after(wrapper);
    update();
  }

  function init() {
    document.querySelectorAll("select[multiple]").forEach(function (select) {
      if (select.id) enhance(select);
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
