"""Writes of technical support. Every change of state goes through
:func:`support_request_set_state`, which records a :class:`SupportEvent` and emails the
requester in their language."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.emails import display_name, language_of, send_templated_email, url_for
from portal.managed_pages import managed_page_ids

from .models import OPEN_STATES, State, SupportEvent, SupportNote, SupportRequest, Volunteer
from .permissions import is_support_staff


class SupportError(Exception):
    """A refused action; the message is translated and shown as it is."""


def _email_requester(support_request, *, template):
    requester = support_request.requester
    if requester is None or not requester.email or not requester.is_active:
        return
    language = language_of(requester)
    context = {
        "name": display_name(requester),
        "title": support_request.title,
        "state": support_request.state,
        "answer": support_request.answer if support_request.state == State.ANSWERED else "",
        "url": url_for("support:request_detail", language=language, args=[support_request.pk]),
    }
    transaction.on_commit(
        lambda: send_templated_email.enqueue(
            to=[requester.email], template=template, context=context, language=language
        )
    )


def _email_assignee(support_request):
    assignee = support_request.assignee
    if assignee is None or not assignee.email:
        return
    language = language_of(assignee)
    context = {
        "name": display_name(assignee),
        "title": support_request.title,
        "url": url_for("support:request_detail", language=language, args=[support_request.pk]),
    }
    transaction.on_commit(
        lambda: send_templated_email.enqueue(
            to=[assignee.email],
            template="support/emails/assigned",
            context=context,
            language=language,
        )
    )


@transaction.atomic
def support_request_create(
    *,
    requester,
    initiative,
    need,
    title,
    description,
    topic=None,
    tags=(),
    urgency="normal",
    consent_to_publish=False,
    language="en",
):
    """A new request. ``initiative`` must be a page ``requester`` manages."""
    if initiative is None or initiative.pk not in managed_page_ids(requester):
        raise SupportError(
            _(
                "You do not manage this initiative: nothing was saved. Choose an initiative you "
                "manage, or ask one of its managers to send the request."
            )
        )
    support_request = SupportRequest.objects.create(
        requester=requester,
        initiative=initiative,
        need=need,
        title=title,
        description=description,
        topic=topic,
        urgency=urgency,
        consent_to_publish=consent_to_publish,
        language=language,
    )
    if tags:
        support_request.tags.set(list(tags))
        support_request.save()
    SupportEvent.objects.create(
        request=support_request, actor=requester, from_state="", to_state=State.NEW
    )
    return support_request


@transaction.atomic
def support_request_set_state(*, support_request, state, actor, notify=True):
    """Move ``support_request`` to ``state``; records who did it and emails the requester."""
    if state not in State.values:
        raise SupportError(_("Unknown state."))
    previous = support_request.state
    if previous == state:
        return support_request
    now = timezone.now()
    support_request.state = state
    if previous == State.NEW and support_request.first_response_at is None:
        support_request.first_response_at = now
    if state == State.ANSWERED and support_request.answered_at is None:
        support_request.answered_at = now
    if state == State.CLOSED:
        support_request.closed_at = now
    elif previous == State.CLOSED:
        support_request.closed_at = None  # reopened
    support_request.save()
    SupportEvent.objects.create(
        request=support_request,
        actor=actor,
        from_state=previous,
        to_state=state,
        assignee=support_request.assignee,
    )
    if notify:
        _email_requester(support_request, template="support/emails/state_changed")
    return support_request


@transaction.atomic
def support_request_assign(*, support_request, assignee, actor, due_date=None):
    """Assign to a staff member or a volunteer expert; a new request becomes "assigned"."""
    if assignee is None or not assignee.is_active:
        raise SupportError(_("Choose an active account to assign the request to."))
    if support_request.requester_id == assignee.pk:
        raise SupportError(_("A request cannot be assigned to the member who asked it."))
    support_request.assignee = assignee
    if due_date is not None:
        support_request.due_date = due_date
    support_request.save()
    if support_request.state == State.NEW:
        support_request_set_state(
            support_request=support_request, state=State.ASSIGNED, actor=actor
        )
    else:
        SupportEvent.objects.create(
            request=support_request,
            actor=actor,
            from_state=support_request.state,
            to_state=support_request.state,
            assignee=assignee,
        )
    _email_assignee(support_request)
    return support_request


def support_request_can_answer(*, support_request, user):
    return bool(user.is_authenticated) and (
        support_request.assignee_id == user.pk or is_support_staff(user)
    )


@transaction.atomic
def support_request_answer(*, support_request, user, answer):
    """The assignee (or staff) answers; the request becomes "answered"."""
    if not support_request_can_answer(support_request=support_request, user=user):
        raise SupportError(_("Only the person assigned to this request may answer it."))
    if support_request.state == State.CLOSED:
        raise SupportError(_("This request is closed: nothing was saved."))
    answer = (answer or "").strip()
    if not answer:
        raise SupportError(_("Please write an answer."))
    support_request.answer = answer
    support_request.answered_by = user
    support_request.save()
    if support_request.state == State.ANSWERED:
        _email_requester(support_request, template="support/emails/state_changed")
    else:
        support_request_set_state(support_request=support_request, state=State.ANSWERED, actor=user)
    return support_request


@transaction.atomic
def support_request_start(*, support_request, user):
    """The assignee says they are working on it."""
    if not support_request_can_answer(support_request=support_request, user=user):
        raise SupportError(_("Only the person assigned to this request may answer it."))
    if support_request.state not in (State.NEW, State.ASSIGNED):
        raise SupportError(_("This request is already under way."))
    return support_request_set_state(
        support_request=support_request, state=State.IN_PROGRESS, actor=user
    )


def support_note_add(*, support_request, author, text):
    text = (text or "").strip()
    if not text:
        raise SupportError(_("Please write a note."))
    return SupportNote.objects.create(request=support_request, author=author, text=text)


@transaction.atomic
def support_request_publish(*, support_request, practice=None, publish=True):
    """Publish (or withdraw) an answered request as a public question and answer."""
    if publish and not support_request.can_be_published:
        raise SupportError(
            _("Only an answered request whose requester agreed to publication can be published.")
        )
    support_request.published = publish
    support_request.published_at = timezone.now() if publish else None
    if practice is not None or not publish:
        support_request.practice = practice
    support_request.save()
    return support_request


@transaction.atomic
def volunteer_offer(*, support_request, user, message=""):
    """A member offers to answer an open request (once)."""
    if support_request.requester_id == user.pk:
        raise SupportError(_("You cannot volunteer for your own request."))
    if support_request.state not in OPEN_STATES:
        raise SupportError(_("This request no longer needs volunteers."))
    if support_request.assignee_id == user.pk:
        raise SupportError(_("This request is already assigned to you."))
    volunteer, created = Volunteer.objects.get_or_create(
        request=support_request, user=user, defaults={"message": message[:500]}
    )
    if not created:
        raise SupportError(_("You have already volunteered for this request."))
    return volunteer


def volunteer_withdraw(*, support_request, user):
    return Volunteer.objects.filter(request=support_request, user=user).delete()[0]


def member_requests_delete(*, user):
    """When an account is deleted: its unpublished requests go (they describe the member's
    initiative privately); published questions and answers stay, without the requester."""
    SupportRequest.objects.filter(requester=user, published=False).delete()
