"""The reusable components in templates/components/ keep their include contracts."""

import re

from django import forms
from django.core.paginator import Paginator
from django.template.loader import render_to_string
from django.test import RequestFactory

import pytest


class ProfileForm(forms.Form):
    name = forms.CharField(label="Name", help_text="As shown to other members.")
    bio = forms.CharField(label="Biography", widget=forms.Textarea, required=False)
    languages = forms.MultipleChoiceField(
        label="Languages",
        choices=[("en", "English"), ("es", "Spanish"), ("pt", "Portuguese")],
        widget=forms.CheckboxSelectMultiple,
    )
    visibility = forms.ChoiceField(
        label="Visibility",
        choices=[("public", "Public"), ("members", "Members only")],
        widget=forms.RadioSelect,
    )
    sectors = forms.MultipleChoiceField(
        label="Sectors", choices=[("a", "Agriculture"), ("c", "Manufacturing")], required=False
    )
    consent = forms.BooleanField(label="I agree to be contacted", required=False)
    token = forms.CharField(widget=forms.HiddenInput, required=False)

    def clean(self):
        raise forms.ValidationError("Something is wrong with the whole form.")


def render(template, **context):
    request = RequestFactory().get("/initiatives/", {"country": "CO", "page": "2"})
    return render_to_string(template, context, request=request)


def test_form_renders_labels_help_and_linked_errors():
    form = ProfileForm(data={"name": "", "visibility": "nope"})
    content = render("components/form.html", form=form)

    # Non-field errors first, announced.
    assert re.search(r'<div class="form-errors" role="alert">\s*<p>Something is wrong', content)
    # A text input: label with the required marker, help and error linked by aria-describedby.
    assert re.search(r'<label for="id_name">Name<span class="field__required"', content)
    assert '<div class="field__help" id="id_name_helptext">As shown to other members.</div>' in (
        content
    )
    assert '<div class="field__errors" id="id_name_error">' in content
    name_input = re.search(r'<input type="text" name="name"[^>]*>', content).group(0)
    assert 'aria-describedby="id_name_helptext id_name_error"' in name_input
    assert 'aria-invalid="true"' in name_input
    # Optional fields carry no required marker.
    assert re.search(r'<label for="id_bio">Biography</label>', content)
    # Hidden fields are rendered without a wrapper.
    assert '<input type="hidden" name="token"' in content


def test_checkboxes_and_radios_are_fieldsets_with_a_legend():
    form = ProfileForm(data={"name": "x", "visibility": "nope"})
    content = render("components/form.html", form=form)
    fieldsets = re.findall(r"<fieldset[^>]*>\s*<legend>(\w+)", content)
    assert fieldsets == ["Languages", "Visibility"]
    # Each choice has its own label, after the box.
    assert re.search(
        r'<input type="checkbox" name="languages" value="es"[^>]*id="id_languages_1"[^>]*>'
        r'<label for="id_languages_1">Spanish</label>',
        content,
    )
    assert '<div class="field__errors" id="id_visibility_error">' in content
    assert re.search(r'<fieldset aria-describedby="id_visibility_error">', content)
    # A select multiple stays a labelled <select multiple>.
    assert re.search(r'<label for="id_sectors">Sectors</label>\s*<select name="sectors"', content)
    assert "multiple" in re.search(r"<select[^>]*>", content).group(0)
    # A single checkbox: box first, then its label.
    assert re.search(
        r'<input type="checkbox" name="consent"[^>]*>\s*<label for="id_consent">', content
    )


def test_pagination_keeps_the_filters():
    page_obj = Paginator(list(range(50)), 10).page(2)
    content = render("components/pagination.html", page_obj=page_obj)
    assert 'href="?country=CO&amp;page=1"' in content
    assert 'href="?country=CO&amp;page=3"' in content
    assert "Page 2 of 5" in content
    assert render("components/pagination.html", page_obj=Paginator([1], 10).page(1)).strip() == ""


@pytest.mark.django_db
def test_card_and_tag_chips():
    from portal.models import Tag

    tags = [Tag.objects.create(name="Agro-industry"), Tag.objects.create(name="Exports")]
    content = render(
        "components/card.html",
        title="Cluster del Café",
        url="/initiatives/cafe/",
        meta="Colombia",
        text="Coffee growers working together.",
        tags=tags,
    )
    assert '<h3 class="card__title"><a href="/initiatives/cafe/">Cluster del Café</a></h3>' in (
        content
    )
    assert '<p class="card__meta">Colombia</p>' in content
    assert '<a class="chip" href="/tags/agro-industry/">Agro-industry</a>' in content
    assert render("components/tag_chips.html", tags=[]).strip() == ""


def test_empty_state_and_breadcrumbs():
    content = render("components/empty_state.html", title="No results", text="Try fewer filters.")
    assert '<p class="empty-state__title">No results</p>' in content
    content = render(
        "components/breadcrumbs.html",
        items=[("Home", "/"), ("Initiatives", "/initiatives/"), ("Café", "")],
    )
    assert '<a href="/initiatives/">Initiatives</a>' in content
    assert '<span aria-current="page">Café</span>' in content


def test_messages_use_the_level_as_modifier():
    from django.contrib.messages import constants
    from django.contrib.messages.storage.base import Message

    messages = [
        Message(constants.SUCCESS, "Saved."),
        Message(constants.ERROR, "Not saved.", extra_tags="sticky"),
    ]
    content = render("components/messages.html", messages=messages)
    assert '<p class="message message--success">Saved.</p>' in content
    assert '<p class="message message--error">Not saved.</p>' in content
