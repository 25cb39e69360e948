"""The freshness loop's "still correct" link (no sign-in) and the verifiers' area."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from accounts.permissions import verified_member_required

from .. import freshness, verification
from ..models import InitiativePage

PAGE_SIZE = 25

# -- "Still correct" -----------------------------------------------------------------------------


def still_correct(request, token):
    """GET shows what will be confirmed and a button; POST records it. The signed token is
    the only credential: it names the initiative, the reminder and the manager it went to."""
    found = freshness.read_still_correct_token(token)
    if found is None:
        return render(
            request, "registry/stewardship/still_correct.html", {"invalid": True}, status=404
        )
    page, _reminder, user_id = found
    context = {"initiative": page, "archived": not page.live, "done": False}
    if request.method == "POST" and page.live:
        freshness.initiative_confirm(page=page, user_id=user_id)
        context["done"] = True
        page.refresh_from_db(fields=["last_verified_on"])
    return render(request, "registry/stewardship/still_correct.html", context)


# -- Verifiers -----------------------------------------------------------------------------------


class VerificationForm(forms.Form):
    action = forms.ChoiceField(
        choices=[("confirm", gettext_lazy("Confirm")), ("flag", gettext_lazy("Flag a problem"))]
    )
    note = forms.CharField(
        label=gettext_lazy("Note"), required=False, max_length=2000, widget=forms.Textarea
    )


def _verifier_or_403(request):
    verifier = verification.verifier_get(request.user)
    if verifier is None:
        raise PermissionDenied(_("This area is for verifiers of partner organisations."))
    return verifier


@verified_member_required
def verify_list(request):
    verifier = _verifier_or_403(request)
    paginator = Paginator(verification.territory_list(verifier=verifier), PAGE_SIZE)
    page_obj = paginator.get_page(request.GET.get("page"))
    return render(
        request,
        "registry/stewardship/verify_list.html",
        {
            "verifier": verifier,
            "page_obj": page_obj,
            "initiatives": page_obj.object_list,
            "countries": [code.name for code in verifier.countries],
            "regions": verifier.region_list,
        },
    )


@require_POST
@verified_member_required
def verify_initiative(request, pk):
    verifier = _verifier_or_403(request)
    page = get_object_or_404(InitiativePage.objects.live(), pk=pk)
    if not verification.in_territory(verifier=verifier, page=page):
        raise PermissionDenied(_("This initiative is outside your territory."))
    form = VerificationForm(request.POST)
    if not form.is_valid():
        messages.error(
            request, _("Choose to confirm or to flag, with a note of 2,000 characters at most.")
        )
        return redirect("registry:verify")
    note = form.cleaned_data["note"]
    try:
        if form.cleaned_data["action"] == "confirm":
            verification.verification_confirm(verifier=verifier, page=page, note=note)
            messages.success(
                request,
                _("%(name)s is confirmed for %(organisation)s.")
                % {"name": page.title, "organisation": verifier.organisation.name},
            )
        else:
            verification.verification_flag(verifier=verifier, page=page, note=note)
            messages.success(
                request, _("The moderators were told about %(name)s.") % {"name": page.title}
            )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("registry:verify")
