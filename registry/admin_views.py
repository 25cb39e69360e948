"""Wagtail admin views for moderators: claims to approve or reject, CSV import with a preview,
and the staff export."""

import io
import tempfile
import uuid
from pathlib import Path

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView

from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from portal import i18n

from . import services
from .forms import ClaimDecisionForm, ImportForm
from .importers import COLUMNS, apply, export_rows, parse_csv, write_csv
from .models import InitiativeClaim, InitiativeIndexPage, InitiativePage

UPLOAD_DIR = Path(tempfile.gettempdir()) / "articula-registry-imports"
SESSION_KEY = "registry_import_token"


class PermissionRequiredMixin:
    permission = ""

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(self.permission):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class ClaimListView(PermissionRequiredMixin, WagtailAdminTemplateMixin, TemplateView):
    permission = "registry.change_initiativeclaim"
    template_name = "registry/admin/claims.html"
    page_title = gettext_lazy("Initiative claims")
    header_icon = "user"

    def get_context_data(self, **kwargs):
        claims = InitiativeClaim.objects.select_related("page", "user", "decided_by")
        return {
            **super().get_context_data(**kwargs),
            "pending": claims.filter(state=InitiativeClaim.State.PENDING).order_by("created_at"),
            "decided": claims.exclude(state=InitiativeClaim.State.PENDING)[:30],
            "form": ClaimDecisionForm(),
        }

    def post(self, request, pk, action):
        claim = get_object_or_404(InitiativeClaim, pk=pk)
        form = ClaimDecisionForm(request.POST)
        comment = form.cleaned_data["comment"] if form.is_valid() else ""
        try:
            if action == "approve":
                services.claim_approve(claim=claim, by=request.user, comment=comment)
                messages.success(
                    request,
                    _("%(user)s now manages “%(title)s”.")
                    % {"user": claim.user, "title": claim.page.title},
                )
            elif action == "reject":
                services.claim_reject(claim=claim, by=request.user, comment=comment)
                messages.success(request, _("The claim was rejected."))
            else:
                raise PermissionDenied
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        return redirect("registry_admin:claims")


class ImportView(PermissionRequiredMixin, WagtailAdminTemplateMixin, TemplateView):
    permission = "registry.import_initiatives"
    template_name = "registry/admin/import.html"
    page_title = gettext_lazy("Import initiatives")
    header_icon = "upload"

    def get_context_data(self, **kwargs):
        return {
            **super().get_context_data(**kwargs),
            "columns": COLUMNS,
            "form": kwargs.get("form") or ImportForm(),
            "report": kwargs.get("report"),
            "token": kwargs.get("token"),
        }

    def post(self, request):
        if "token" in request.POST:
            return self.confirm(request)
        form = ImportForm(request.POST, request.FILES)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        data = form.cleaned_data["file"].read()
        report = parse_csv(data)
        token = ""
        if report.plans:
            UPLOAD_DIR.mkdir(parents=True, exist_ok=True)
            token = uuid.uuid4().hex
            (UPLOAD_DIR / f"{token}.csv").write_bytes(data)
            request.session[SESSION_KEY] = token
        return self.render_to_response(self.get_context_data(form=form, report=report, token=token))

    def confirm(self, request):
        token = request.POST.get("token", "")
        if not token or token != request.session.get(SESSION_KEY):
            messages.error(request, _("This import has expired: upload the file again."))
            return redirect("registry_admin:import")
        path = UPLOAD_DIR / f"{token}.csv"
        if not path.exists():
            messages.error(request, _("This import has expired: upload the file again."))
            return redirect("registry_admin:import")
        index_page = i18n.index_page(InitiativeIndexPage)
        report = parse_csv(path.read_bytes())
        apply(report, index_page=index_page, user=request.user)
        path.unlink(missing_ok=True)
        request.session.pop(SESSION_KEY, None)
        messages.success(
            request,
            _(
                "Import finished: %(created)s created, %(updated)s updated, %(errors)s rows with errors."
            )
            % {
                "created": report.created,
                "updated": report.updated,
                "errors": len(report.error_lines),
            },
        )
        return self.render_to_response(self.get_context_data(report=report, done=True))


def export_view(request):
    if not request.user.has_perm("registry.import_initiatives"):
        raise PermissionDenied
    out = io.StringIO()
    write_csv(export_rows(InitiativePage.objects.live(), private=True), out)
    response = HttpResponse(out.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="initiatives-staff-export.csv"'
    return response


def admin_urls():
    from django.urls import path

    return [
        path("claims/", ClaimListView.as_view(), name="claims"),
        path("claims/<id:pk>/<str:action>/", ClaimListView.as_view(), name="claim_decide"),
        path("import/", ImportView.as_view(), name="import"),
        path("export.csv", export_view, name="export"),
    ]


def admin_url(name):
    return reverse(f"registry_admin:{name}")
