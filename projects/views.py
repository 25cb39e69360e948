"""Public views of joint projects: the project form (create and edit), interest in a call,
the lead's answer, the partner's confirmation, and the open data."""

import io
import json

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from accounts.permissions import verified_member_required
from portal import i18n
from portal.csv_safety import SafeDictWriter
from portal.models import PortalSettings
from portal.throttles import THROTTLED_MESSAGE, THROTTLED_STATUS, throttle_consume

from . import selectors, services
from .forms import DecisionForm, InterestForm, ProjectForm
from .models import PartnerInterest, ProjectIndexPage, ProjectPage, ProjectPartner


def _form_response(request, form, *, project=None, status=200):
    return render(
        request,
        "projects/project_form.html",
        {"form": form, "project": project},
        status=status,
    )


@verified_member_required
def create(request):
    index_page = i18n.index_page(ProjectIndexPage)
    if index_page is None:
        raise Http404(_("Joint projects are not set up yet."))
    if not services.user_can_create(user=request.user):
        # Linked from every project list: a page that explains who may propose (and how to
        # become one), not an error; sending the form is refused.
        return render(
            request,
            "projects/cannot_create.html",
            status=403 if request.method == "POST" else 200,
        )
    form = ProjectForm(
        request.POST if request.method == "POST" else None,
        instance=ProjectPage(),
        parent_page=index_page,
        user=request.user,
    )
    if request.method == "POST" and form.is_valid():
        if not throttle_consume(request, action="project_create"):
            form.add_error(None, THROTTLED_MESSAGE)
            return _form_response(request, form, status=THROTTLED_STATUS)
        page = form.save(commit=False)
        services.project_create(user=request.user, page=page, index_page=index_page)
        messages.success(
            request,
            _(
                "Thank you: “%(title)s” was sent to the moderators. You will receive an email "
                "when it is published."
            )
            % {"title": page.title},
        )
        return redirect("community:dashboard")
    return _form_response(request, form)


@verified_member_required
def edit(request, pk):
    project = get_object_or_404(ProjectPage, pk=pk)
    if not services.user_can_edit(project=project, user=request.user):
        raise PermissionDenied
    draft = project.get_latest_revision_as_object()
    form = ProjectForm(
        request.POST if request.method == "POST" else None,
        instance=draft,
        parent_page=project.get_parent(),
        user=request.user,
    )
    if request.method == "POST" and form.is_valid():
        services.project_update(user=request.user, page=form.save(commit=False))
        messages.success(
            request,
            _(
                "Your changes were sent to the moderators; the public page stays as it was "
                "until they approve them."
            ),
        )
        return redirect("community:dashboard")
    return _form_response(request, form, project=project)


def _back(request, project):
    return redirect(project.get_url(request) or "community:dashboard")


@require_POST
@verified_member_required
def interest(request, pk):
    project = get_object_or_404(ProjectPage.objects.live(), pk=pk)
    form = InterestForm(request.POST, user=request.user, project=project)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return _back(request, project)
    if not throttle_consume(request, action="project_interest"):
        messages.error(request, THROTTLED_MESSAGE)
        return _back(request, project)
    try:
        services.interest_express(
            project=project,
            user=request.user,
            message=form.cleaned_data["message"],
            initiative=form.cleaned_data.get("initiative"),
        )
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(
            request, _("Thank you: the project's lead will answer you on your dashboard.")
        )
    return _back(request, project)


@require_POST
@verified_member_required
def decide(request, pk):
    interest = get_object_or_404(PartnerInterest.objects.select_related("project"), pk=pk)
    form = DecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose to accept or decline."))
        return redirect("community:dashboard")
    try:
        services.interest_decide(
            interest=interest, user=request.user, accept=form.cleaned_data["decision"] == "accept"
        )
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(request, _("Your answer was sent."))
    return redirect("community:dashboard")


@require_POST
@verified_member_required
def confirm(request, pk):
    partner = get_object_or_404(ProjectPartner, pk=pk)
    form = DecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose to accept or decline."))
        return redirect("community:dashboard")
    try:
        services.partner_confirm(
            partner=partner, user=request.user, confirm=form.cleaned_data["decision"] == "accept"
        )
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(request, _("Your answer was saved."))
    return redirect("community:dashboard")


# -- Open data ---------------------------------------------------------------------------------


def _licence(request):
    settings = PortalSettings.load(request_or_site=request)
    return {"name": settings.data_licence_name, "url": settings.data_licence_url}


def _finish(response):
    response["Cache-Control"] = "public, max-age=300"
    response["Access-Control-Allow-Origin"] = "*"
    return response


@require_GET
def data_json(request):
    rows = list(selectors.open_data_rows(request=request))
    body = {"licence": _licence(request), "count": len(rows), "projects": rows}
    return _finish(
        HttpResponse(
            json.dumps(body, ensure_ascii=False, cls=DjangoJSONEncoder),
            content_type="application/json",
        )
    )


def csv_text(rows):
    out = io.StringIO()
    writer = SafeDictWriter(
        out, selectors.OPEN_DATA_FIELDS, numeric_columns=("id", "budget"), lineterminator="\n"
    )
    writer.writeheader()
    for row in rows:
        writer.writerow(
            {
                key: ";".join(value) if isinstance(value, list) else value
                for key, value in row.items()
            }
        )
    return out.getvalue()


@require_GET
def data_csv(request):
    licence = _licence(request)
    response = HttpResponse(
        csv_text(selectors.open_data_rows(request=request)), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = 'attachment; filename="projects.csv"'
    response["Link"] = f'<{licence["url"]}>; rel="license"'
    return _finish(response)
