import json

from django.contrib import messages
from django.contrib.auth import get_user_model, logout
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.functional import SimpleLazyObject
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from wagtail.models import Page

from accounts.permissions import user_is_verified, verified_member_required
from portal.managed_pages import memoise_for_request
from portal.models import Tag
from portal.sections import dashboard_sections
from portal.vocabularies import OrganizationType

from . import selectors, services
from .dashboard import dashboard_profile
from .filters import MemberFilterSet
from .forms import ContactForm, DeleteAccountForm, ProfileForm, ReplyForm, ReportForm
from .models import LANGUAGE_CHOICES, ContactRequest
from .services import CommunityError

User = get_user_model()
PAGE_SIZE = 24


def _safe_next(request, fallback):
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return fallback


# Directory and profiles -------------------------------------------------------------------


def directory(request):
    filterset = MemberFilterSet(
        request.GET, queryset=selectors.directory_profiles(viewer=request.user)
    )
    values = filterset.values
    page_obj = selectors.DirectoryPaginator(
        filterset.qs,
        PAGE_SIZE,
        viewer=request.user,
        filters={key: values for key, values in request.GET.lists() if key != "page"},
    ).get_page(request.GET.get("page"))
    tag, q = values.get("tag"), values.get("q", "")

    def member_cards():
        highlight = {tag.pk} if tag else set()
        if q:
            highlight |= set(Tag.objects.filter(name__iexact=q).values_list("pk", flat=True))
        return [
            {
                "profile": profile,
                "matched": [
                    t
                    for t in profile.expertise_tags + profile.offering_tags + profile.seeking_tags
                    if t.pk in highlight
                ][:1],
            }
            for profile in page_obj
        ]

    return render(
        request,
        "community/directory.html",
        {
            "page_obj": page_obj,
            # Read only when the shared "member-cards" fragment is not kept yet: the count
            # (kept too) tells whether there are any.
            "cards": SimpleLazyObject(member_cards),
            "q": q,
            "tag": tag,
            "tag_slug": filterset.form.cleaned_data.get("tag") or "",
            "country": (values.get("country") or "").upper(),
            "organization_type": values.get("organization_type", ""),
            "language": values.get("language", ""),
            "country_choices": selectors.directory_countries(viewer=request.user),
            "organization_types": OrganizationType.choices,
            "language_choices": LANGUAGE_CHOICES,
            "filtered": bool(values),
        },
    )


def profile(request, username):
    profile = selectors.profile_get(username=username, viewer=request.user)
    if profile is None:
        raise Http404(_("No member with this name, or the profile is visible to members only."))
    is_owner = request.user.is_authenticated and request.user.pk == profile.user_id
    return render(
        request,
        "community/profile.html",
        {
            "profile": profile,
            "is_owner": is_owner,
            "can_contact": (
                request.user.is_authenticated and not is_owner and profile.allow_contact
            ),
            # Members-only fields (links, languages, city, bio of members-only profiles...) are
            # rendered only for signed-in viewers; anonymous visitors get none of them.
            "show_private": request.user.is_authenticated,
            "breadcrumbs": [
                (_("Members"), reverse("community:directory")),
                (profile.display_name, ""),
            ],
        },
    )


@verified_member_required
def profile_edit(request):
    profile = services.profile_ensure(user=request.user)
    if request.method == "POST":
        form = ProfileForm(request.POST, request.FILES, instance=profile)
        if form.is_valid():
            form.save()
            messages.success(request, _("Your profile has been saved."))
            return redirect("community:profile", username=request.user.username)
        messages.error(request, _("Please correct the errors below: nothing was saved."))
    else:
        form = ProfileForm(instance=profile)
    return render(request, "community/profile_edit.html", {"form": form, "profile": profile})


# Contact ----------------------------------------------------------------------------------


@verified_member_required
def contact_member(request, username):
    recipient = User.objects.filter(username__iexact=username, is_active=True).first()
    if recipient is None or not hasattr(recipient, "profile"):
        raise Http404(_("No member with this name."))
    if recipient.pk == request.user.pk:
        messages.error(request, _("You cannot send a contact request to yourself."))
        return redirect("community:profile", username=recipient.username)
    form = ContactForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.contact_request_send(
                sender=request.user,
                recipient=recipient,
                subject=form.cleaned_data["subject"],
                message=form.cleaned_data["message"],
            )
        except CommunityError as error:
            messages.error(request, str(error))
        else:
            messages.success(
                request,
                _("Your message has been sent to %(name)s.") % {"name": recipient.profile},
            )
            return redirect("community:profile", username=recipient.username)
    return render(
        request,
        "community/contact_form.html",
        {
            "form": form,
            "recipient_name": recipient.profile.display_name,
            "profile": recipient.profile,
        },
    )


@verified_member_required
def contact_initiative(request, page_id):
    initiative = selectors.initiative_get(page_id=page_id)
    if initiative is None:
        raise Http404(_("This initiative does not exist or is not published."))
    form = ContactForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.contact_initiative_send(
                sender=request.user,
                page_id=initiative.pk,
                subject=form.cleaned_data["subject"],
                message=form.cleaned_data["message"],
            )
        except CommunityError as error:
            messages.error(request, str(error))
        else:
            messages.success(
                request,
                _("Your message has been sent to the managers of %(name)s.")
                % {"name": initiative.title},
            )
            return redirect(initiative.url or "community:dashboard")
    return render(
        request,
        "community/contact_form.html",
        {"form": form, "recipient_name": initiative.title, "initiative": initiative},
    )


@login_required
def inbox(request):
    box = request.GET.get("box", "inbox")
    if box == "sent":
        items = selectors.sent_list(user=request.user)
    else:
        box = "inbox"
        items = selectors.inbox_list(user=request.user)
    page_obj = Paginator(items, 20).get_page(request.GET.get("page"))
    return render(
        request,
        "community/inbox.html",
        {
            "page_obj": page_obj,
            "box": box,
            "blocked": selectors.blocked_list(user=request.user) if box == "inbox" else [],
        },
    )


def _readable_request(request, pk):
    contact = get_object_or_404(
        ContactRequest.objects.select_related(
            "sender__profile", "recipient__profile", "initiative", "replied_by__profile"
        ),
        pk=pk,
    )
    if not services.contact_request_can_read(contact_request=contact, user=request.user):
        raise Http404
    return contact


@login_required
def contact_detail(request, pk):
    contact = _readable_request(request, pk)
    is_recipient = services.contact_request_is_recipient(contact_request=contact, user=request.user)
    services.contact_request_mark_read(contact_request=contact, user=request.user)
    return render(
        request,
        "community/contact_detail.html",
        {
            "contact": contact,
            "is_recipient": is_recipient,
            "reply_form": ReplyForm(),
            "report_form": ReportForm(),
            "blocked": is_recipient
            and selectors.blocked_list(user=request.user).filter(blocked=contact.sender).exists(),
        },
    )


@require_POST
@verified_member_required
def contact_reply(request, pk):
    contact = _readable_request(request, pk)
    form = ReplyForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Please write a reply."))
        return redirect("community:contact_detail", pk=contact.pk)
    try:
        services.contact_request_reply(
            contact_request=contact, user=request.user, reply=form.cleaned_data["reply"]
        )
    except CommunityError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request, _("Your reply has been sent. You can now see each other's email address.")
        )
    return redirect("community:contact_detail", pk=contact.pk)


@require_POST
@login_required
def contact_block(request, pk):
    contact = _readable_request(request, pk)
    if not services.contact_request_is_recipient(contact_request=contact, user=request.user):
        raise Http404
    services.block_create(blocker=request.user, blocked=contact.sender)
    messages.success(request, _("You will receive no more contact requests from this sender."))
    return redirect("community:inbox")


@require_POST
@login_required
def unblock(request, user_id):
    services.block_delete(blocker=request.user, blocked_id=user_id)
    messages.success(request, _("This member can contact you again."))
    return redirect(_safe_next(request, "community:inbox"))


@require_POST
@login_required
def contact_report(request, pk):
    contact = _readable_request(request, pk)
    form = ReportForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Please tell the moderators what is wrong with this message."))
        return redirect("community:contact_detail", pk=contact.pk)
    try:
        services.abuse_report_create(
            contact_request=contact, reporter=request.user, reason=form.cleaned_data["reason"]
        )
    except CommunityError as error:
        messages.error(request, str(error))
        return redirect("community:contact_detail", pk=contact.pk)
    if form.cleaned_data.get("block"):
        services.block_create(blocker=request.user, blocked=contact.sender)
    messages.success(request, _("Thank you: the moderators will look at this message."))
    return redirect("community:inbox")


# Following --------------------------------------------------------------------------------


def _follow_target(request):
    tag_id = request.POST.get("tag", "")
    page_id = request.POST.get("page", "")
    if tag_id.isdigit() and not page_id:
        return get_object_or_404(Tag, pk=int(tag_id)), None
    if page_id.isdigit() and not tag_id:
        page = get_object_or_404(Page.objects.live().public(), pk=int(page_id))
        return None, page
    raise Http404


@require_POST
@verified_member_required
def follow(request):
    tag, page = _follow_target(request)
    services.follow_create(user=request.user, tag=tag, page=page)
    messages.success(
        request,
        _("You now follow %(name)s. New content appears in your weekly digest.")
        % {"name": tag.label if tag else page.title},
    )
    return redirect(_safe_next(request, "community:following"))


@require_POST
@login_required
def unfollow(request):
    tag, page = _follow_target(request)
    services.follow_delete(user=request.user, tag=tag, page=page)
    messages.success(
        request,
        _("You no longer follow %(name)s.") % {"name": tag.label if tag else page.title},
    )
    return redirect(_safe_next(request, "community:following"))


@login_required
def following(request):
    return render(
        request,
        "community/following.html",
        {
            "follows": selectors.follow_list(user=request.user),
            "profile": services.profile_ensure(user=request.user),
        },
    )


# Dashboard --------------------------------------------------------------------------------


@login_required
def dashboard(request):
    memoise_for_request(request)  # the sections share the managed initiatives
    profile = dashboard_profile(request)  # created if missing; the sections reuse it
    return render(
        request,
        "community/dashboard.html",
        {
            "sections": dashboard_sections(request),
            "verified": user_is_verified(request.user),
            "profile": profile,
        },
    )


# Privacy ----------------------------------------------------------------------------------


@login_required
def privacy(request):
    return render(
        request, "community/privacy.html", {"delete_form": DeleteAccountForm(user=request.user)}
    )


@login_required
def data_export(request):
    data = services.member_export_data(user=request.user)
    response = HttpResponse(
        json.dumps(data, indent=2, ensure_ascii=False), content_type="application/json"
    )
    response["Content-Disposition"] = (
        f'attachment; filename="articula-{request.user.username}.json"'
    )
    return response


@login_required
def account_delete(request):
    form = DeleteAccountForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        user = request.user
        logout(request)
        services.member_delete(user=user)
        messages.success(request, _("Your account has been deleted. Thank you for being with us."))
        return redirect("/")
    if request.method == "POST":
        messages.error(request, _("Please type your username to confirm: nothing was deleted."))
    return render(request, "community/privacy.html", {"delete_form": form})
