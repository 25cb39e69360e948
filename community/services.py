"""Writes for the community app: profiles, contact requests, blocks, abuse reports, follows,
digests and account deletion. Every function takes keyword arguments and raises
:class:`CommunityError` with a translated, user-facing message when the action is refused."""

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.emails import display_name, language_of, send_templated_email, url_for
from portal.member_data import member_data

from .models import AbuseReport, Block, ContactRequest, Follow, MemberProfile
from .selectors import initiative_get, initiative_managers, user_managed_initiative_ids

CONTACT_DAILY_LIMIT = getattr(settings, "COMMUNITY_CONTACT_DAILY_LIMIT", 10)


class CommunityError(Exception):
    """A refused action; ``str(error)`` is a translated message for the user."""


# Profiles ---------------------------------------------------------------------------------


def profile_ensure(*, user):
    """The profile of ``user``, created if missing (for accounts made before this app)."""
    profile, _created = MemberProfile.objects.get_or_create(
        user=user, defaults={"display_name": default_display_name(user)}
    )
    return profile


def default_display_name(user):
    return (user.get_full_name() or user.username or "").strip()[:120] or user.username


PHOTO_COLLECTION = "Member photos"


def _photo_collection():
    from wagtail.models import Collection

    existing = Collection.objects.filter(name=PHOTO_COLLECTION).first()
    if existing is not None:
        return existing
    root = Collection.get_first_root_node() or Collection.add_root(name="Root")
    return root.add_child(name=PHOTO_COLLECTION)


def profile_save_photo(*, profile, upload):
    """Store a validated upload (see ``ProfileForm.clean_photo_upload``) as a Wagtail image in
    the "Member photos" collection; templates show resized renditions of it."""
    from django.core.files.images import ImageFile

    from wagtail.images import get_image_model

    extension = {"JPEG": "jpg", "PNG": "png", "GIF": "gif", "WEBP": "webp"}.get(
        getattr(getattr(upload, "image", None), "format", ""), "jpg"
    )
    upload.seek(0)
    image = get_image_model()(
        title=profile.display_name or profile.user.username,
        collection=_photo_collection(),
        file=ImageFile(upload, name=f"member-{profile.user_id}.{extension}"),
    )
    image.save()
    profile.photo = image
    return image


# Contact requests -------------------------------------------------------------------------


def _check_can_send(*, sender):
    from accounts.permissions import user_is_verified

    if not user_is_verified(sender):
        raise CommunityError(_("Please confirm your email address before you contact anyone."))
    since = timezone.now() - timedelta(days=1)
    if ContactRequest.objects.sent_since(sender, since).count() >= CONTACT_DAILY_LIMIT:
        raise CommunityError(
            _(
                "You have sent %(limit)d contact requests in the last 24 hours, the daily limit. "
                "Please try again tomorrow."
            )
            % {"limit": CONTACT_DAILY_LIMIT}
        )


def _clean_text(subject, message):
    subject = (subject or "").strip()
    message = (message or "").strip()
    if not subject or not message:
        raise CommunityError(_("Please write a subject and a message."))
    return subject[:150], message[:2000]


def contact_request_send(*, sender, recipient, subject, message):
    """Send a message to another member: stored, emailed, shown in their inbox."""
    subject, message = _clean_text(subject, message)
    if recipient.pk == sender.pk:
        raise CommunityError(_("You cannot send a contact request to yourself."))
    profile = getattr(recipient, "profile", None)
    if not recipient.is_active or profile is None or not profile.allow_contact:
        raise CommunityError(_("This member does not accept contact requests."))
    if Block.objects.filter(blocker=recipient, blocked=sender).exists():
        raise CommunityError(_("This member does not accept contact requests from you."))
    _check_can_send(sender=sender)
    with transaction.atomic():
        request = ContactRequest.objects.create(
            sender=sender, recipient=recipient, subject=subject, message=message
        )
    _notify_recipients(request, [recipient])
    return request


def contact_initiative_send(*, sender, page_id, subject, message):
    """Send a message to the managers of an initiative (one stored request; every manager
    sees it in their inbox and gets the email)."""
    subject, message = _clean_text(subject, message)
    initiative = initiative_get(page_id=page_id)
    if initiative is None:
        raise CommunityError(_("This initiative does not exist or is not published."))
    managers = [m for m in initiative_managers(initiative) if m.is_active]
    if not managers:
        raise CommunityError(_("This initiative has no manager on Articula yet."))
    if any(m.pk == sender.pk for m in managers):
        raise CommunityError(_("You manage this initiative: you cannot contact yourself."))
    if Block.objects.filter(blocker__in=managers, blocked=sender).exists():
        raise CommunityError(_("This initiative does not accept contact requests from you."))
    _check_can_send(sender=sender)
    with transaction.atomic():
        request = ContactRequest.objects.create(
            sender=sender, initiative_id=initiative.pk, subject=subject, message=message
        )
    _notify_recipients(request, managers, initiative=initiative)
    return request


def _notify_recipients(request, recipients, *, initiative=None):
    for user in recipients:
        language = language_of(user)
        # The sender's address is not in the email: the recipient answers through the site.
        send_templated_email.enqueue(
            to=[user.email],
            template="community/emails/contact_request",
            context={
                "name": display_name(user),
                "sender_name": display_name(request.sender),
                "sender_url": url_for(
                    "community:profile", language=language, args=[request.sender.username]
                ),
                "subject": request.subject,
                "message": request.message,
                "inbox_url": url_for(
                    "community:contact_detail", language=language, args=[request.pk]
                ),
                "initiative_title": initiative.title if initiative else "",
            },
            language=language,
        )


def contact_request_can_read(*, contact_request, user):
    if contact_request.sender_id == user.pk or contact_request.recipient_id == user.pk:
        return True
    if contact_request.initiative_id:
        return contact_request.initiative_id in user_managed_initiative_ids(user)
    return False


def contact_request_is_recipient(*, contact_request, user):
    if contact_request.recipient_id:
        return contact_request.recipient_id == user.pk
    return contact_request.initiative_id in user_managed_initiative_ids(user)


def contact_request_mark_read(*, contact_request, user):
    if contact_request.status == ContactRequest.Status.NEW and contact_request_is_recipient(
        contact_request=contact_request, user=user
    ):
        contact_request.status = ContactRequest.Status.READ
        contact_request.save(update_fields=["status"])


def contact_request_reply(*, contact_request, user, reply):
    """The recipient answers: the reply is emailed to the sender with both addresses, and the
    inbox shows them to both sides from now on."""
    if not contact_request_is_recipient(contact_request=contact_request, user=user):
        raise CommunityError(_("Only the recipient can reply to this message."))
    reply = (reply or "").strip()
    if not reply:
        raise CommunityError(_("Please write a reply."))
    if contact_request.status == ContactRequest.Status.REPLIED:
        raise CommunityError(
            _("You have already replied: you can now write to each other by email.")
        )
    contact_request.reply = reply[:4000]
    contact_request.replied_by = user
    contact_request.replied_at = timezone.now()
    contact_request.status = ContactRequest.Status.REPLIED
    contact_request.save(update_fields=["reply", "replied_by", "replied_at", "status"])
    language = language_of(contact_request.sender)
    send_templated_email.enqueue(
        to=[contact_request.sender.email],
        template="community/emails/contact_reply",
        context={
            "name": display_name(contact_request.sender),
            "replier_name": display_name(user),
            "replier_email": user.email,
            "subject": contact_request.subject,
            "reply": contact_request.reply,
            "url": url_for(
                "community:contact_detail", language=language, args=[contact_request.pk]
            ),
        },
        language=language,
        reply_to=[user.email],
    )
    return contact_request


def block_create(*, blocker, blocked):
    if blocker.pk == blocked.pk:
        raise CommunityError(_("You cannot block yourself."))
    block, _created = Block.objects.get_or_create(blocker=blocker, blocked=blocked)
    return block


def block_delete(*, blocker, blocked_id):
    Block.objects.filter(blocker=blocker, blocked_id=blocked_id).delete()


def abuse_report_create(*, contact_request, reporter, reason):
    if not contact_request_is_recipient(contact_request=contact_request, user=reporter):
        raise CommunityError(_("Only the recipient can report this message."))
    reason = (reason or "").strip()
    if not reason:
        raise CommunityError(_("Please tell the moderators what is wrong with this message."))
    if AbuseReport.objects.filter(contact_request=contact_request, reporter=reporter).exists():
        raise CommunityError(_("You have already reported this message."))
    return AbuseReport.objects.create(
        contact_request=contact_request, reporter=reporter, reason=reason[:2000]
    )


# Following --------------------------------------------------------------------------------


def follow_create(*, user, tag=None, page=None):
    if (tag is None) == (page is None):
        raise CommunityError(_("Choose one tag or one page to follow."))
    follow, _created = Follow.objects.get_or_create(user=user, tag=tag, page=page)
    return follow


def follow_delete(*, user, tag=None, page=None):
    if (tag is None) == (page is None):
        raise CommunityError(_("Choose one tag or one page to stop following."))
    Follow.objects.filter(user=user, tag=tag, page=page).delete()


# Privacy ----------------------------------------------------------------------------------


def member_export_data(*, user):
    """Everything Articula keeps about ``user`` that this app owns, as JSON-safe data."""
    profile = profile_ensure(user=user)

    def when(value):
        return value.isoformat() if value else None

    def request_data(req):
        return {
            "id": req.pk,
            "sender": req.sender.username,
            "recipient": req.recipient.username if req.recipient_id else None,
            "initiative": req.initiative_id,
            "subject": req.subject,
            "message": req.message,
            "status": req.status,
            "sent": when(req.created_at),
            "reply": req.reply,
            "replied": when(req.replied_at),
        }

    sent = ContactRequest.objects.filter(sender=user).select_related("sender", "recipient")
    received = ContactRequest.objects.for_recipient(user).select_related("sender", "recipient")
    return {
        "account": {
            "username": user.username,
            "email": user.email,
            "first_name": user.first_name,
            "last_name": user.last_name,
            "date_joined": when(user.date_joined),
            "preferred_language": user.preferred_language,
        },
        "profile": {
            "display_name": profile.display_name,
            "organization": profile.organization,
            "organization_type": profile.organization_type,
            "role": profile.role,
            "country": str(profile.country or ""),
            "city": profile.city,
            "bio": profile.bio,
            "languages": profile.language_codes,
            "links": profile.links,
            "expertise": [t.name for t in profile.expertise.all()],
            "seeking": [t.name for t in profile.seeking.all()],
            "offering": [t.name for t in profile.offering.all()],
            "visibility": profile.visibility,
            "allow_contact": profile.allow_contact,
            "digest_enabled": profile.digest_enabled,
            "photo": profile.photo.file.url if profile.photo_id else None,
        },
        "contact_requests_sent": [request_data(r) for r in sent],
        "contact_requests_received": [request_data(r) for r in received],
        "follows": [
            {"tag": f.tag.name if f.tag_id else None, "page": f.page.url if f.page_id else None}
            for f in Follow.objects.filter(user=user).select_related("tag", "page")
        ],
        "blocked": list(
            Block.objects.filter(blocker=user).values_list("blocked__username", flat=True)
        ),
        # What the other apps keep about the member (initiatives managed, claims, practices,
        # event registrations), each under its own key: portal/member_data.py.
        **member_data(user),
    }


@transaction.atomic
def member_delete(*, user):
    """Delete the account: the profile, its photo, messages sent and received, follows and
    blocks go. Content published elsewhere stays: other apps point at users and profiles
    with ``on_delete=SET_NULL`` and show "former member"."""
    profile = getattr(user, "profile", None)
    photo = profile.photo if profile is not None and profile.photo_id else None
    ContactRequest.objects.filter(sender=user).delete()
    ContactRequest.objects.filter(recipient=user).delete()
    user.delete()
    if photo is not None:
        photo.delete()
