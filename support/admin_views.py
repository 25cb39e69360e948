"""Wagtail admin views for staff: triage of one request (assign, state, internal notes,
publication, expert suggestions and volunteers) and the figures."""

from django import forms
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wagtail.models import Page

from portal.experts import find_experts

from . import selectors, services
from .models import State, SupportRequest
from .permissions import is_support_staff
from .services import SupportError

User = get_user_model()


def _staff_only(request):
    if not is_support_staff(request.user):
        raise PermissionDenied


class AssignForm(forms.Form):
    assignee = forms.ModelChoiceField(label=gettext_lazy("Assign to"), queryset=User.objects.none())
    due_date = forms.DateField(
        label=gettext_lazy("Due date"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )

    def __init__(self, *args, candidates, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assignee"].queryset = User.objects.filter(
            pk__in=candidates, is_active=True
        ).order_by("username")
        self.fields["assignee"].label_from_instance = lambda u: (
            f"{u.get_full_name() or u.username} ({u.username})"
        )


class StateForm(forms.Form):
    state = forms.ChoiceField(label=gettext_lazy("State"), choices=State.choices)


class NoteForm(forms.Form):
    text = forms.CharField(
        label=gettext_lazy("Internal note (staff only)"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class PublishForm(forms.Form):
    practice = forms.ModelChoiceField(
        label=gettext_lazy("Related good practice (optional)"),
        queryset=Page.objects.none(),
        required=False,
    )

    def __init__(self, *args, **kwargs):
        from django.apps import apps

        super().__init__(*args, **kwargs)
        practice_model = apps.get_model("knowledge", "PracticePage")
        self.fields["practice"].queryset = (
            Page.objects.type(practice_model).live().order_by("title")
        )


def _candidates(support_request, experts):
    """Who may be assigned: support staff, the volunteers and the suggested experts."""
    staff = User.objects.filter(
        Q(is_superuser=True)
        | Q(groups__permissions__codename="change_supportrequest")
        | Q(user_permissions__codename="change_supportrequest"),
        is_active=True,
    ).values_list("pk", flat=True)
    ids = set(staff)
    ids.update(v.user_id for v in support_request.volunteers.all())
    ids.update(s.user.pk for s in experts)
    if support_request.assignee_id:
        ids.add(support_request.assignee_id)
    ids.discard(support_request.requester_id)
    return ids


def triage(request, pk):
    _staff_only(request)
    support_request = get_object_or_404(
        SupportRequest.objects.select_related(
            "requester__profile", "assignee", "initiative", "topic", "practice"
        ).prefetch_related(selectors.TAGS_PREFETCH, "volunteers__user"),
        pk=pk,
    )
    tags = [item.tag for item in support_request.tagged_items.all()]
    experts = find_experts(tags, limit=5, exclude_user_ids=[support_request.requester_id or 0])
    candidates = _candidates(support_request, experts)
    action = request.POST.get("action") if request.method == "POST" else None
    forms_ = {
        "assign": AssignForm(
            request.POST if action == "assign" else None,
            candidates=candidates,
            initial={
                "assignee": support_request.assignee_id,
                "due_date": support_request.due_date,
            },
        ),
        "state": StateForm(
            request.POST if action == "state" else None, initial={"state": support_request.state}
        ),
        "note": NoteForm(request.POST if action == "note" else None),
        "publish": PublishForm(
            request.POST if action == "publish" else None,
            initial={"practice": support_request.practice_id},
        ),
    }
    if action in forms_ or action == "unpublish":
        form = forms_.get(action)
        try:
            if action == "unpublish":
                services.support_request_publish(support_request=support_request, publish=False)
                messages.success(request, _("The question and answer is no longer published."))
                return redirect("support_triage", support_request.pk)
            if not form.is_valid():
                raise SupportError(_("Please correct the errors below: nothing was changed."))
            data = form.cleaned_data
            if action == "assign":
                services.support_request_assign(
                    support_request=support_request,
                    assignee=data["assignee"],
                    actor=request.user,
                    due_date=data["due_date"],
                )
                messages.success(
                    request, _("Assigned; the requester and the assignee were emailed.")
                )
            elif action == "state":
                services.support_request_set_state(
                    support_request=support_request, state=data["state"], actor=request.user
                )
                messages.success(request, _("State changed; the requester was emailed."))
            elif action == "note":
                services.support_note_add(
                    support_request=support_request, author=request.user, text=data["text"]
                )
                messages.success(request, _("Note added."))
            elif action == "publish":
                services.support_request_publish(
                    support_request=support_request, practice=data["practice"]
                )
                messages.success(request, _("Published as a question and answer."))
        except SupportError as error:
            messages.error(request, str(error))
        else:
            return redirect("support_triage", support_request.pk)
    return TemplateResponse(
        request,
        "support/admin/triage.html",
        {
            "item": support_request,
            "tags": tags,
            "experts": experts,
            "volunteers": list(support_request.volunteers.all()),
            "notes": list(support_request.notes.select_related("author")),
            "events": selectors.request_events(support_request=support_request),
            "forms": forms_,
            "page_title": _("Support request: %(title)s") % {"title": support_request.title},
        },
    )


def figures(request):
    _staff_only(request)
    return TemplateResponse(
        request,
        "support/admin/figures.html",
        {"figures": selectors.figures(), "page_title": _("Support figures")},
    )
