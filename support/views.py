from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.permissions import verified_member_required
from portal.emails import supported_language
from portal.models import Tag
from portal.throttles import THROTTLED_MESSAGE, THROTTLED_STATUS, throttle_consume

from . import selectors, services
from .forms import AnswerForm, SupportRequestForm, VolunteerForm
from .models import OPEN_STATES, SupportRequest
from .permissions import is_support_staff
from .services import SupportError

PAGE_SIZE = 20


def index(request):
    """What support is, the member's requests and the latest published answers."""
    mine = []
    if request.user.is_authenticated:
        mine = selectors.request_list_of(user=request.user, limit=20)
    return render(
        request,
        "support/index.html",
        {
            "my_requests": mine,
            "answers": list(selectors.published_list()[:5]),
        },
    )


@verified_member_required
def ask(request):
    form = SupportRequestForm(request.POST or None, user=request.user)
    status = 200
    if request.method == "POST" and form.is_valid():
        if not throttle_consume(request, action="support_request"):
            messages.error(request, THROTTLED_MESSAGE)
            status = THROTTLED_STATUS
        else:
            data = form.cleaned_data
            try:
                support_request = services.support_request_create(
                    requester=request.user,
                    initiative=data["initiative"],
                    need=data["need"],
                    title=data["title"],
                    description=data["description"],
                    topic=data["topic"],
                    tags=data["tags"],
                    urgency=data["urgency"],
                    consent_to_publish=data["consent_to_publish"],
                    language=supported_language(get_language()) or "en",
                )
            except SupportError as error:
                messages.error(request, str(error))
            else:
                messages.success(
                    request,
                    _("Your request has been sent. Staff will reply soon; you can follow it here."),
                )
                return redirect(support_request.get_request_url())
    elif request.method == "POST":
        status = 400
    return render(
        request,
        "support/ask.html",
        {"form": form, "manages_any": bool(form.managed_ids)},
        status=status,
    )


def _readable(request, pk):
    support_request = selectors.request_get(pk=pk, user=request.user)
    if support_request is None:
        raise Http404(_("No such request, or it is not yours to see."))
    return support_request


@login_required
def request_detail(request, pk):
    support_request = _readable(request, pk)
    staff = is_support_staff(request.user)
    can_answer = (
        services.support_request_can_answer(support_request=support_request, user=request.user)
        and support_request.state != "closed"
    )
    return render(
        request,
        "support/request_detail.html",
        {
            "item": support_request,
            "events": selectors.request_events(support_request=support_request),
            "is_requester": support_request.requester_id == request.user.pk,
            "is_assignee": support_request.assignee_id == request.user.pk,
            "staff": staff,
            "can_answer": can_answer,
            "answer_form": AnswerForm(initial={"answer": support_request.answer}),
            "can_start": can_answer and support_request.state in ("new", "assigned"),
        },
    )


@require_POST
@verified_member_required
def request_answer(request, pk):
    support_request = _readable(request, pk)
    form = AnswerForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Please write an answer: nothing was saved."))
        return redirect(support_request.get_request_url())
    try:
        services.support_request_answer(
            support_request=support_request, user=request.user, answer=form.cleaned_data["answer"]
        )
    except SupportError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Your answer has been sent to the requester."))
    return redirect(support_request.get_request_url())


@require_POST
@verified_member_required
def request_start(request, pk):
    support_request = _readable(request, pk)
    try:
        services.support_request_start(support_request=support_request, user=request.user)
    except SupportError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("The requester has been told that you are working on it."))
    return redirect(support_request.get_request_url())


@require_POST
@verified_member_required
def volunteer(request, pk):
    """A member offers to answer an open request (from the dashboard)."""
    support_request = get_object_or_404(SupportRequest, pk=pk, state__in=OPEN_STATES)
    form = VolunteerForm(request.POST)
    message = form.cleaned_data["message"] if form.is_valid() else ""
    try:
        services.volunteer_offer(
            support_request=support_request, user=request.user, message=message
        )
    except SupportError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request, _("Thank you: staff have been told that you offer to answer this request.")
        )
    return redirect("community:dashboard")


def answers(request):
    tag = None
    slug = request.GET.get("tag", "")
    if slug:
        tag = Tag.objects.filter(slug=slug[:100]).first()
    items = (
        selectors.published_list(tag=tag) if (tag or not slug) else SupportRequest.objects.none()
    )
    page_obj = Paginator(items, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "support/answers.html", {"page_obj": page_obj, "tag": tag})


def answer_detail(request, pk):
    item = selectors.published_get(pk=pk)
    if item is None:
        raise Http404(_("This question and answer is not published."))
    return render(request, "support/answer_detail.html", {"item": item})
