"""A select widget that renders faster than Django's template-based one, with the same markup
(byte for byte).

Django renders every ``<option>`` of a ``Select`` through two template includes and builds a
context dictionary for each; a list filter with the 250 countries spent most of its request
there. :class:`QuickSelect` writes the same HTML in Python, values and labels escaped alike::

    country = django_filters.ChoiceFilter(choices=country_choices, widget=QuickSelect)
"""

from django import forms
from django.utils.html import escape
from django.utils.safestring import mark_safe


def _attrs(attrs):
    """Django's ``attrs.html``: `` name="value"``, a bare `` name`` for True, nothing for False."""
    return "".join(
        f" {escape(name)}" if value is True else f' {escape(name)}="{escape(value)}"'
        for name, value in attrs.items()
        if value is not False and value is not None
    )


class QuickSelect(forms.Select):
    """A single ``<select>`` rendered without a template per option (``forms.Select``'s HTML;
    like it, only the first option matching the value is selected). Without the length and
    range attributes a text or number filter's field adds: a select does not allow them (the
    field still validates the value)."""

    def build_attrs(self, base_attrs, extra_attrs=None):
        attrs = super().build_attrs(base_attrs, extra_attrs)
        for name in ("maxlength", "minlength", "min", "max"):
            attrs.pop(name, None)
        return attrs

    def render(self, name, value, attrs=None, renderer=None):
        chosen = set(self.format_value(value))
        final_attrs = self.build_attrs(self.attrs, attrs)
        html = [f'<select name="{escape(name)}"{_attrs(final_attrs)}>']
        selected_one = False

        def option(option_value, label):
            nonlocal selected_one
            option_value = "" if option_value is None else str(option_value)
            selected = not selected_one and option_value in chosen
            selected_one = selected_one or selected
            mark = " selected" if selected else ""
            return f'\n  <option value="{escape(option_value)}"{mark}>{escape(label)}</option>\n'

        for group_value, group_label in self.choices:
            if isinstance(group_label, list | tuple):
                html.append(f'\n  <optgroup label="{escape(group_value)}">')
                html.extend(option(value_, label) for value_, label in group_label)
                html.append("\n  </optgroup>")
            else:
                html.append(option(group_value, group_label))
        html.append("\n</select>")
        return mark_safe("".join(html))  # noqa: S308 - every name, value and label is escaped
