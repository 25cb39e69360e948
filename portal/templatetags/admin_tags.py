"""Template tags for the Wagtail admin's editor (templates/wagtailadmin/...)."""

from django import template

register = template.Library()


@register.simple_tag
def error_summary(tabbed_panel):
    """Every invalid field of a tabbed editor form, with the tab it sits on: ``[{"label",
    "messages", "href", "tab", "tab_id"}]``. Wagtail only counts errors on each tab's label, so
    an error on a tab that is not shown (the slug on "Promote") is easy to miss."""
    form = tabbed_panel.form
    if not form.is_bound or not form.errors and not _formset_errors(form):
        return []
    items = [{"label": "", "messages": list(form.non_field_errors()), "href": ""}]
    items = [item for item in items if item["messages"]]
    for child, identifier in tabbed_panel.visible_children_with_identifiers:
        options = child.panel.get_form_options()
        for name in options.get("fields", []):
            if name in form.errors and name in form.fields:
                field = form[name]
                items.append(
                    {
                        "label": field.label,
                        "messages": list(field.errors),
                        "href": f"#{field.id_for_label}",
                        "tab": child.heading,
                        "tab_id": identifier,
                    }
                )
        for name in options.get("formsets", {}):
            formset = getattr(form, "formsets", {}).get(name)
            if formset is not None and formset.total_error_count():
                errors = [str(e) for e in formset.non_form_errors()]
                for subform in formset.forms:
                    errors += [
                        f"{subform[n].label}: {' '.join(e)}"
                        for n, e in subform.errors.items()
                        if n in subform.fields
                    ]
                items.append(
                    {
                        "label": formset.model._meta.verbose_name_plural.capitalize(),
                        "messages": errors,
                        "href": f"#id_{formset.prefix}-FORMS",
                        "tab": child.heading,
                        "tab_id": identifier,
                    }
                )
    return items


def _formset_errors(form):
    return any(f.total_error_count() for f in getattr(form, "formsets", {}).values())
