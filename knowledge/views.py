from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from accounts.permissions import verified_member_required
from portal.i18n import index_page
from portal.throttles import THROTTLED_MESSAGE, THROTTLED_STATUS, throttle_consume

from .forms import FigureFormSet, PracticeForm
from .models import PracticeIndexPage, PracticePage
from .permissions import can_edit_practice, can_submit_practice
from .services import practice_create, practice_update


def _practice_index():
    """The practice index in the visitor's locale (else the default one)."""
    index = index_page(PracticeIndexPage)
    if index is None:
        raise Http404(_("There is no practice section on this site yet."))
    return index


def _figures_initial(page):
    return [
        {"value": figure.value, "unit": figure.unit, "label": figure.label}
        for figure in page.figures.all()
    ]


def _render_form(request, *, form, figures, page=None, status=None):
    if status is None:
        status = 400 if form.is_bound and (form.errors or figures.errors) else 200
    return render(
        request,
        "knowledge/practice_form.html",
        {"form": form, "figures": figures, "practice": page, "editing": page is not None},
        status=status,
    )


@verified_member_required
@require_http_methods(["GET", "POST"])
def practice_new(request):
    if not can_submit_practice(request.user):
        raise PermissionDenied(_("Only cluster managers and moderators can publish practices."))
    index = _practice_index()
    if request.method == "POST":
        form = PracticeForm(request.POST, request.FILES, user=request.user)
        figures = FigureFormSet(request.POST, prefix="figures")
        valid = form.is_valid() and figures.is_valid()
        if valid and not throttle_consume(request, action="practice_submit"):
            form.add_error(None, THROTTLED_MESSAGE)
            return _render_form(request, form=form, figures=figures, status=THROTTLED_STATUS)
        if valid:
            page = practice_create(
                index=index,
                user=request.user,
                data=form.cleaned_data,
                figures=figures.cleaned_data,
                uploads=form.cleaned_data.get("attachments") or [],
            )
            messages.success(
                request,
                _(
                    "Thank you! “%(title)s” was sent to the moderators; you will get an email once they have reviewed it."
                )
                % {"title": page.title},
            )
            return redirect("knowledge:practice_edit", pk=page.pk)
        messages.error(request, _("Please correct the errors below; nothing was saved."))
    else:
        form = PracticeForm(user=request.user)
        figures = FigureFormSet(prefix="figures")
    return _render_form(request, form=form, figures=figures)


@verified_member_required
@require_http_methods(["GET", "POST"])
def practice_edit(request, pk):
    live_page = get_object_or_404(PracticePage, pk=pk)
    if not can_edit_practice(request.user, live_page):
        raise PermissionDenied(_("You can only edit the practices you wrote."))
    draft = live_page.get_latest_revision_as_object()
    existing = list(draft.attachments.select_related("document"))
    linked = list(draft.initiatives.all())
    form_kwargs = {
        "user": request.user,
        "existing_attachments": existing,
        "linked_initiatives": linked,
    }
    if request.method == "POST":
        form = PracticeForm(request.POST, request.FILES, **form_kwargs)
        figures = FigureFormSet(request.POST, prefix="figures")
        if form.is_valid() and figures.is_valid():
            practice_update(
                page=live_page,
                user=request.user,
                data=form.cleaned_data,
                figures=figures.cleaned_data,
                uploads=form.cleaned_data.get("attachments") or [],
            )
            messages.success(
                request,
                _(
                    "Your changes were sent to the moderators. The published version stays online until they approve them."
                ),
            )
            return redirect("knowledge:practice_edit", pk=live_page.pk)
        messages.error(request, _("Please correct the errors below; nothing was saved."))
    else:
        initial = {
            "title": draft.title,
            "summary": draft.summary,
            "problem": draft.problem,
            "intervention": draft.intervention,
            "results": draft.results,
            "cost": draft.cost,
            "duration_months": draft.duration_months,
            "lessons_learned": draft.lessons_learned,
            "replicability": draft.replicability,
            "country": draft.country.code if draft.country else "",
            "tags": list(draft.tags.all()),
            "topics": list(draft.topics.all()),
            "initiatives": linked,
            "sectors": list(draft.sectors.all()),
        }
        form = PracticeForm(initial=initial, **form_kwargs)
        figures = FigureFormSet(prefix="figures", initial=_figures_initial(draft))
    return _render_form(request, form=form, figures=figures, page=live_page)
