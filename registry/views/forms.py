"""Registration and editing of an initiative by its managers."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from accounts.permissions import verified_member_required
from portal import i18n
from portal.throttles import THROTTLED_MESSAGE, THROTTLED_STATUS, throttle_consume

from .. import services
from ..forms import InitiativeForm
from ..models import InitiativeIndexPage, InitiativePage
from ..page_selectors import map_config

# -- Registration and editing ------------------------------------------------------------------


def _form_response(request, form, *, page=None, index_page=None, status=200):
    return render(
        request,
        "registry/initiative_form.html",
        {
            "form": form,
            "initiative": page,
            "index_page": index_page,
            "duplicates": form.duplicates,
            "map": map_config(request, {}),
        },
        status=status,
    )


@verified_member_required
def register(request):
    index_page = i18n.index_page(InitiativeIndexPage)
    if index_page is None:
        raise Http404(_("The registry is not set up yet."))
    if request.method == "POST":
        form = InitiativeForm(request.POST, parent_page=index_page, instance=InitiativePage())
        if form.is_valid():
            duplicates = form.find_duplicates(user=request.user)
            if duplicates and not form.cleaned_data.get("confirm_duplicate"):
                messages.warning(
                    request,
                    _("This initiative may already be registered. Check the list below."),
                )
                return _form_response(request, form, index_page=index_page)
            if not throttle_consume(request, action="initiative_register"):
                form.add_error(None, THROTTLED_MESSAGE)
                return _form_response(request, form, index_page=index_page, status=THROTTLED_STATUS)
            page = form.save(commit=False)
            services.initiative_register(user=request.user, page=page, index_page=index_page)
            messages.success(
                request,
                _(
                    "Thank you: “%(title)s” was sent to the moderators. You will receive an "
                    "email when it is published."
                )
                % {"title": page.title},
            )
            return redirect("community:dashboard")
    else:
        form = InitiativeForm(parent_page=index_page, instance=InitiativePage())
    return _form_response(request, form, index_page=index_page)


def editable_page(request, pk):
    page = get_object_or_404(InitiativePage, pk=pk)
    if not services.user_can_edit(page=page, user=request.user):
        raise PermissionDenied
    return page


@verified_member_required
def edit(request, pk):
    page = editable_page(request, pk)
    draft = page.get_latest_revision_as_object()
    if request.method == "POST":
        form = InitiativeForm(request.POST, instance=draft, parent_page=page.get_parent())
        if form.is_valid():
            duplicates = form.find_duplicates(user=request.user)
            if duplicates and not form.cleaned_data.get("confirm_duplicate"):
                messages.warning(
                    request,
                    _("This initiative may already be registered. Check the list below."),
                )
                return _form_response(request, form, page=page)
            draft = form.save(commit=False)
            services.initiative_update(user=request.user, page=draft)
            messages.success(
                request,
                _(
                    "Your changes were sent to the moderators; the public page stays as it was "
                    "until they approve them."
                ),
            )
            return redirect("community:dashboard")
    else:
        form = InitiativeForm(instance=draft, parent_page=page.get_parent())
    return _form_response(request, form, page=page)
