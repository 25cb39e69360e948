"""Managers, invitations and claims of an initiative."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.permissions import verified_member_required
from portal.throttles import THROTTLED_MESSAGE, THROTTLED_STATUS, throttle_consume

from .. import services
from ..forms import ClaimForm, InviteForm
from ..models import InitiativeManager, InitiativePage, ManagerInvitation
from .forms import editable_page

# -- Managers and invitations ------------------------------------------------------------------


@verified_member_required
def managers(request, pk):
    page = editable_page(request, pk)
    form = InviteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.invitation_create(page=page, email=form.cleaned_data["email"], by=request.user)
        except ValidationError as error:
            form.add_error("email", error)
        else:
            messages.success(
                request,
                _("An invitation was sent to %(email)s.") % {"email": form.cleaned_data["email"]},
            )
            return redirect("registry:managers", pk=page.pk)
    return render(
        request,
        "registry/managers.html",
        {
            "initiative": page,
            "form": form,
            "managers": InitiativeManager.objects.filter(page=page).select_related("user"),
            "invitations": ManagerInvitation.objects.filter(
                page=page, state=ManagerInvitation.State.PENDING
            ),
        },
    )


@require_POST
@verified_member_required
def remove_manager(request, pk, user_id):
    page = editable_page(request, pk)
    link = get_object_or_404(InitiativeManager, page=page, user_id=user_id)
    try:
        services.manager_remove(page=page, user=link.user, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request, _("%(name)s no longer manages this initiative.") % {"name": link.user}
        )
        if link.user == request.user:
            return redirect("community:dashboard")
    return redirect("registry:managers", pk=page.pk)


@require_POST
@verified_member_required
def cancel_invitation(request, pk, invitation_id):
    page = editable_page(request, pk)
    invitation = get_object_or_404(ManagerInvitation, page=page, pk=invitation_id)
    services.invitation_cancel(invitation=invitation)
    messages.success(request, _("The invitation was cancelled."))
    return redirect("registry:managers", pk=page.pk)


@verified_member_required
def accept_invitation(request, token):
    invitation = get_object_or_404(ManagerInvitation.objects.select_related("page"), token=token)
    if request.method == "POST":
        try:
            services.invitation_accept(invitation=invitation, user=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request,
                _("You now manage “%(title)s”.") % {"title": invitation.page.title},
            )
            return redirect("community:dashboard")
    return render(request, "registry/accept_invitation.html", {"invitation": invitation})


# -- Claims --------------------------------------------------------------------------------


@verified_member_required
def claim(request, pk):
    page = get_object_or_404(InitiativePage.objects.live().public(), pk=pk)
    form = ClaimForm(request.POST or None)
    status = 200
    if (
        request.method == "POST"
        and form.is_valid()
        and not throttle_consume(request, action="initiative_claim")
    ):
        form.add_error(None, THROTTLED_MESSAGE)
        status = THROTTLED_STATUS
    if request.method == "POST" and form.is_valid():
        try:
            services.claim_create(
                page=page, user=request.user, message=form.cleaned_data["message"]
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect(page.url)
        messages.success(
            request,
            _(
                "Your request was sent to the moderators. You will receive an email with their answer."
            ),
        )
        return redirect(page.url)
    has_managers = InitiativeManager.objects.filter(page=page).exists()
    return render(
        request,
        "registry/claim_form.html",
        {"initiative": page, "form": form, "has_managers": has_managers},
        status=status,
    )
