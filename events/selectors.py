"""Reads: listings, program and event details, a member's registrations and progress.

Every function here runs a fixed number of queries whatever the number of events."""

import datetime
import hashlib
import math
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.core.paginator import Paginator
from django.db.models import Count, Min, OuterRef, Prefetch, Q, Subquery, Value
from django.db.models.functions import Coalesce, Length, Substr
from django.utils import timezone
from django.utils.functional import SimpleLazyObject

from wagtail.models import Page

from portal import i18n
from portal.i18n import localized
from portal.page_cache import fragment
from portal.visibility import live_public

from .filters import EventFilterSet
from .models import (
    CalendarFeedToken,
    EventDocument,
    EventPage,
    EventRegistration,
    EventTag,
    ProgramPage,
    canonical_ids,
)

PER_PAGE = 12


def _content_type_id(model):
    return ContentType.objects.get_for_model(model).pk  # cached by Django after the first call


# --- querysets ------------------------------------------------------------------------------


def event_queryset(*, locale=None):
    """Live, public events; with ``locale``, the ones a visitor of that locale sees (their
    language, else the original: ``portal.i18n.localized``)."""
    qs = live_public(EventPage.objects.all())
    if locale is not None:
        qs = localized(qs, locale)
    return qs


def program_queryset(*, locale):
    return localized(live_public(ProgramPage.objects.all()), locale)


def card_tags(through=EventTag):
    """``tagged_items`` with their tags in one query (``"tagged_items__tag"`` takes two)."""
    return Prefetch("tagged_items", queryset=through.objects.select_related("tag"))


def with_card_data(qs):
    return qs.select_related("slides", "locale").prefetch_related(card_tags())


def attach_programs(events):
    """Set ``event.program`` (the parent ProgramPage or None) on each event in one query."""
    steplen = Page.steplen
    parent_paths = {e.path[:-steplen] for e in events}
    programs = {
        p.path: p
        for p in ProgramPage.objects.filter(path__in=parent_paths).only(
            "title", "slug", "path", "url_path", "depth", "locale_id"
        )
    }
    for event in events:
        event.program = programs.get(event.path[:-steplen])
    return events


def attach_tags(objects):
    for obj in objects:
        obj.tag_list = [item.tag for item in obj.tagged_items.all()]
    return objects


def _registrations_by_translation_key(user, events, **filters):
    """The member's registrations for ``events`` in any language: registrations live on the
    original page of each translation group, which shares its ``translation_key``."""
    return {
        r.event.translation_key: r
        for r in EventRegistration.objects.filter(
            user=user, event__translation_key__in={e.translation_key for e in events}, **filters
        ).select_related("event")
    }


def attach_registration_states(events, user):
    """``event.my_registration``: the member's registration (on the canonical page) or None."""
    for event in events:
        event.my_registration = None
    if not (user and user.is_authenticated) or not events:
        return events
    regs = _registrations_by_translation_key(user, events)
    for event in events:
        event.my_registration = regs.get(event.translation_key)
    return events


# --- pages ---------------------------------------------------------------------------------


def next_event_end(now):
    """The first moment after ``now`` at which an event ends (None: no event ends later),
    from the ends of ``now``'s day and the first one after it, kept in the shared cache per day
    until the next write to public content. An end moves an event from the upcoming list to
    the past one (and its card shows its materials): the listing's fragments are keyed by this
    moment, so none is read past it. Drafts count too: a boundary too many costs a render."""
    day = now.astimezone(datetime.UTC).replace(hour=0, minute=0, second=0, microsecond=0)

    def ends():
        next_day = day + datetime.timedelta(days=1)
        found = list(
            EventPage.objects.filter(end__gte=day, end__lt=next_day)
            .order_by("end")
            .values_list("end", flat=True)
            .distinct()
        )
        later = EventPage.objects.filter(end__gte=next_day).aggregate(first=Min("end"))["first"]
        return [*found, later] if later else found

    return next((end for end in fragment(f"events:ends:{day.date()}", ends) if end > now), None)


def event_index_context(*, request, index):
    """The listing's context: upcoming (default) or past events under ``index`` matching the
    GET filters, a page of cards with their programs and tags. All of it but the visitor's
    registrations is kept in the shared cache, per index, language, query string and the next
    event end (:func:`next_event_end`), until the next write to public content; the cards'
    HTML too (``event_index_page.html``, keyed by ``cards_key``)."""
    from django.utils.translation import get_language

    from .filters import EventListFilterSet

    now = timezone.now()
    changes_at = next_event_end(now)
    query = hashlib.sha256(request.GET.urlencode().encode()).hexdigest()[:32]
    stamp = changes_at.isoformat() if changes_at else "none"

    def compute():
        filterset = EventListFilterSet(
            request.GET,
            queryset=with_card_data(event_queryset(locale=index.locale)),
            locale=index.locale,
            now=now,
        )
        found = Paginator(filterset.qs, PER_PAGE).get_page(request.GET.get("page"))
        events = attach_tags(attach_programs(list(found.object_list)))
        return {
            "count": found.paginator.count,
            "number": found.number,
            "events": events,
            "when": filterset.period,
            "filters": filterset.values,
            "filter_errors": bool(filterset.errors),
            "programs": program_choices(index=index),
        }

    found = fragment(f"events:list:{index.pk}:{get_language()}:{stamp}:{query}", compute)
    paginator = Paginator([], PER_PAGE)
    paginator.count = found["count"]
    page_obj = paginator.page(found["number"])
    page_obj.object_list = events = attach_registration_states(found["events"], request.user)
    # The cards show the visitor's registrations: visitors with the same ones share the HTML.
    mine = ",".join(
        f"{event.pk}:{event.my_registration.status}" for event in events if event.my_registration
    )
    return {
        "events": events,
        "page_obj": page_obj,
        "when": found["when"],
        "filters": found["filters"],
        "filter_errors": found["filter_errors"],
        "programs": found["programs"],
        "kinds": EventPage.Kind.choices,
        "now": now,
        "cards_key": f"{stamp}|{mine}",
    }


def program_choices(*, index):
    """The programs under ``index``, for the listing's program filter."""
    return list(program_queryset(locale=index.locale).order_by("title").only("title", "slug"))


def program_sessions(program):
    """The program's live sessions with their speakers, slides and documents, kept in the
    shared cache until the next write to public content."""

    def compute():
        return list(
            program.sessions()
            .select_related("slides")
            .prefetch_related(
                # No tags: the program page shows the program's, not each session's.
                "speakers",
                Prefetch("documents", EventDocument.objects.select_related("document")),
            )
        )

    return fragment(f"events:program-sessions:{program.pk}", compute)


def program_detail(*, user, program):
    """Context for a program page. The sessions come from the shared cache
    (:func:`program_sessions`); their states (upcoming, live, past: they move with the clock)
    and the visitor's registrations are worked out at every request and make ``sessions_key``,
    the key of the sessions' shared fragment (``program_page.html``). What every visitor sees
    alike (organisations, tags, the breadcrumbs' pages) is lazy: read only when its fragment is
    rendered."""
    now = timezone.now()
    sessions = program_sessions(program)
    for session in sessions:
        session.program = program
        session.current_state = session.state(now)
    attach_registration_states(sessions, user)
    progress = None
    if user.is_authenticated:
        progress = program_progress(user=user, program=program, sessions=sessions)
    organisations = SimpleLazyObject(lambda: list(program.organisations.all()))
    return {
        "sessions": sessions,
        "sessions_key": ",".join(
            f"{session.pk}:{session.current_state}:"
            + (session.my_registration.status if session.my_registration else "")
            for session in sessions
        ),
        "tag_list": SimpleLazyObject(lambda: list(program.tags.all())),
        "organisers": SimpleLazyObject(lambda: [o for o in organisations if o.role == "organiser"]),
        "partners": SimpleLazyObject(lambda: [o for o in organisations if o.role == "partner"]),
        "progress": progress,
        "ancestors": SimpleLazyObject(lambda: list(program.get_ancestors().filter(depth__gte=2))),
    }


def breadcrumbs(ancestors, page, request):
    """``(title, url)`` pairs for the breadcrumbs component: the ancestors (below the root)
    then ``page`` itself, in the visitor's language (also on a page shown untranslated).
    Lazy: read when the template renders them, which it does not when their shared fragment
    is warm."""

    def pairs():
        found = i18n.in_visitor_language(ancestors)
        return [(a.title, i18n.page_url(a, request)) for a in found] + [(page.title, "")]

    return SimpleLazyObject(pairs)


@dataclass
class Progress:
    program: ProgramPage
    total: int
    attended: int
    required: int
    attended_sessions: list

    @property
    def percent(self):
        return round(100 * self.attended / self.total) if self.total else 0

    @property
    def eligible(self):
        return self.total > 0 and self.attended >= self.required


def required_sessions(program, total):
    return math.ceil(total * program.certificate_share / 100) if total else 0


def canonical_program(program):
    """The first page of the program's translation group (where registrations live)."""
    first = canonical_ids([program])[program.pk]
    if first == program.pk:
        return program
    return ProgramPage.objects.filter(pk=first).first() or program


def program_progress(*, user, program, sessions=None):
    """How many of the program's sessions ``user`` attended (registrations are counted on the
    canonical pages, so any translation of the program gives the same figures). Sessions that
    already carry ``my_registration`` cost no query."""
    if sessions is None:
        sessions = list(program.sessions())
    if not sessions:
        return Progress(program, 0, 0, 0, [])
    if all(hasattr(s, "my_registration") for s in sessions):
        attended = [
            s
            for s in sessions
            if s.my_registration and s.my_registration.status == EventRegistration.Status.ATTENDED
        ]
    else:
        regs = _registrations_by_translation_key(
            user, sessions, status=EventRegistration.Status.ATTENDED
        )
        attended = [s for s in sessions if s.translation_key in regs]
    total = len(sessions)
    return Progress(program, total, len(attended), required_sessions(program, total), attended)


def _canonical_id_and_seats(event):
    """``(canonical id, seats taken, waiting list length)`` of ``event`` in ONE query (the
    registrations are counted on the original of its translation group, as
    ``EventPage.canonical_id`` says); caches the id on the event."""
    if "canonical_id" in event.__dict__:
        canonical = Value(event.canonical_id)
    else:
        canonical = Subquery(
            Page.objects.filter(translation_key=event.translation_key)
            .order_by()
            .values("translation_key")
            .annotate(first=Min("pk"))
            .values("first")
        )

    def counted(statuses):
        registrations = (
            EventRegistration.objects.filter(event_id=OuterRef("canonical"), status__in=statuses)
            .order_by()
            .values("event_id")
            .annotate(n=Count("pk"))
            .values("n")
        )
        return Coalesce(Subquery(registrations), 0)

    canonical_id, taken, waiting = (
        Page.objects.filter(pk=event.pk)
        .annotate(canonical=canonical)
        .annotate(
            taken=counted(EventRegistration.SEAT_STATUSES),
            waiting=counted([EventRegistration.Status.WAITLISTED]),
        )
        .values_list("canonical", "taken", "waiting")
        .get()
    )
    event.__dict__["canonical_id"] = canonical_id
    return canonical_id, taken, waiting


def event_seats(event):
    """``(canonical id, seats taken, waiting list length)`` of ``event``, kept in the shared
    cache until the next write to public content (``portal.page_cache.fragment``): every
    registration, cancellation and promotion saves an ``EventRegistration``, which starts a new
    generation (``attendance_mark``, an ``update()``, starts one itself). Caches the canonical
    id on the event."""
    found = fragment(f"events:seats:{event.pk}", lambda: _canonical_id_and_seats(event))
    event.__dict__["canonical_id"] = found[0]
    return found


def event_phase(event, now):
    """What of ``event`` changes with the clock alone: its state (upcoming, live, past) and
    whether it takes registrations. Part of the keys of the event page's shared fragments, so a
    fragment is never shown past the moment either changes."""
    closes = event.registration_closes_at()
    return event.state(now), bool(event.registration_open and now < closes and event.live)


def event_detail(*, user, event):
    """Context for an event page. ``show_join_link`` is true only for the registered member.

    What every visitor sees alike (the program, speakers, documents, tags and the breadcrumbs'
    pages) is lazy: the template renders it inside shared fragments (``event_page.html``), so a
    warm page reads none of it; the seats come from the shared cache (:func:`event_seats`).
    What is the visitor's own (their registration, the join link) and what moves with the clock
    (:func:`event_phase`) is computed at every request."""
    canonical_id, seats_taken, waitlist = event_seats(event)
    registration = None
    if user.is_authenticated:
        registration = EventRegistration.objects.filter(user=user, event_id=canonical_id).first()
    now = timezone.now()
    current_state, registration_is_open = event_phase(event, now)
    show_join_link = bool(registration and registration.holds_seat and event.end > now)
    join_url = ""
    if show_join_link:
        # Staff keep the link on the original page; a translation may hold an old copy.
        join_url = (
            event.join_url
            if canonical_id == event.pk
            else EventPage.objects.filter(pk=canonical_id).values_list("join_url", flat=True)[0]
        )
        show_join_link = bool(join_url)
    # Plain pages (one query; ``specific()`` took one more per page type): the breadcrumbs
    # need titles and URLs only, the session line the program's title.
    ancestors = SimpleLazyObject(lambda: list(event.get_ancestors().filter(depth__gte=2)))
    return {
        "program": SimpleLazyObject(lambda: _program_of(ancestors)),
        "registration": registration,
        "show_join_link": show_join_link,
        "join_url": join_url,
        "seats_taken": seats_taken,
        "seats_left": None if event.capacity is None else max(event.capacity - seats_taken, 0),
        "waitlist_count": waitlist,
        "registration_is_open": registration_is_open,
        "current_state": current_state,
        "speakers": SimpleLazyObject(lambda: list(event.speakers.select_related("profile__user"))),
        "documents": SimpleLazyObject(lambda: list(event.documents.select_related("document"))),
        "tag_list": SimpleLazyObject(lambda: list(event.tags.all())),
        "ancestors": ancestors,
    }


def _program_of(ancestors):
    if ancestors and ancestors[-1].content_type_id == _content_type_id(ProgramPage):
        return ancestors[-1].specific_deferred
    return None


def upcoming_events(*, locale, limit=3, kind=None):
    qs = event_queryset(locale=locale).filter(start__gt=timezone.now()).order_by("start", "pk")
    if kind:
        qs = qs.filter(kind=kind)
    events = list(with_card_data(qs)[:limit])
    return attach_programs(events)


def latest_materials(*, locale, limit=3):
    qs = (
        event_queryset(locale=locale)
        .filter(end__lte=timezone.now())
        .filter(Q(recording_url__gt="") | Q(slides__isnull=False))
        .order_by("-start", "pk")
    )
    events = list(with_card_data(qs)[:limit])
    return attach_programs(events)


# --- a member's things -----------------------------------------------------------------------


def registration_list(*, user, upcoming=True):
    qs = EventRegistration.objects.filter(user=user).select_related("event")
    now = timezone.now()
    if upcoming:
        qs = qs.filter(
            event__end__gt=now,
            status__in=[EventRegistration.Status.REGISTERED, EventRegistration.Status.WAITLISTED],
        ).order_by("event__start")
    return qs


def dashboard_programs(*, user):
    """Programs where the member has at least one registration, with progress (three queries
    whatever the number of programs and sessions)."""
    # The programs' paths: each registered session's path less its last step (a subquery).
    program_paths = (
        EventRegistration.objects.filter(user=user)
        .annotate(
            program_path=Substr("event__path", 1, Length("event__path") - Page.steplen),
        )
        .values("program_path")
    )
    programs = list(ProgramPage.objects.live().filter(path__in=program_paths).order_by("title"))
    if not programs:
        return []
    sessions_by_program = {p.pk: [] for p in programs}
    by_path = {p.path: p for p in programs}
    in_programs = Q()
    for program_path in by_path:
        in_programs |= Q(path__startswith=program_path)
    depths = {p.depth + 1 for p in programs}
    sessions = (
        live_public(EventPage.objects.all())
        .filter(in_programs, depth__in=depths)
        .order_by("number", "start", "pk")
    )
    sessions = attach_registration_states(list(sessions), user)  # progress counts on these
    for session in sessions:
        sessions_by_program[by_path[session.path[: -Page.steplen]].pk].append(session)
    return [
        program_progress(user=user, program=p, sessions=sessions_by_program[p.pk]) for p in programs
    ]


def feed_token_for(user):
    return CalendarFeedToken.objects.get_or_create(user=user)[0]


def calendar_events(*, params, locale, now=None):
    """Events for the public ``/events/calendar.ics`` with the listing's filters: everything
    from 90 days ago on."""
    now = now or timezone.now()
    filterset = EventFilterSet(params, queryset=event_queryset(locale=locale), locale=locale)
    qs = filterset.qs.filter(end__gte=now - datetime.timedelta(days=90)).order_by("start", "pk")
    return list(qs.select_related("locale")[:500]), filterset
