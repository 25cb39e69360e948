"""Demo events (``manage.py load_demo_data --only events``): a twelve-session training program
for cluster management teams (dates relative to today, so there are always past sessions with
materials and upcoming ones), a webinar, a workshop in Bogotá and a congress in Santiago, in
English with Spanish translations, and registrations by the demo members; a finished
three-session course whose certificate "member" and a few other demo members hold.

Idempotent: pages are found by slug under their parent, documents by title, registrations by
(event, member); nothing that exists is changed."""

import datetime
from zoneinfo import ZoneInfo

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.utils import timezone
from django.utils.text import slugify

from wagtail.documents import get_document_model
from wagtail.models import Locale

from portal.models import HomePage, Tag

from .models import (
    Certificate,
    EventIndexPage,
    EventPage,
    EventRegistration,
    EventSpeaker,
    EventTag,
    ProgramOrganisation,
    ProgramPage,
    ProgramTag,
)

Status = EventRegistration.Status

PROGRAM = {
    "slug": "cluster-management-program",
    "title": "Training program for cluster management teams",
    "title_es": "Programa de formación para equipos de gestión de clústeres",
    "summary": (
        "Twelve virtual sessions for the teams that run cluster initiatives: strategy, "
        "governance, services, financing, internationalisation and evaluation."
    ),
    "summary_es": (
        "Doce sesiones virtuales para los equipos que gestionan iniciativas clúster: estrategia, "
        "gobernanza, servicios, financiación, internacionalización y evaluación."
    ),
    "audience": "Managers and staff of cluster initiatives and productive networks.",
    "audience_es": "Gerentes y equipos de iniciativas clúster y redes productivas.",
}

# A short course that ended before the twelve-session program began: every session is past, so
# some demo members hold its certificate (the certificate page, its print layout and the public
# verification page can be seen).
SHORT_COURSE = {
    "slug": "cluster-foundations-course",
    "title": "Cluster foundations: a three-session course",
    "title_es": "Fundamentos de clústeres: un curso de tres sesiones",
    "summary": "Three virtual sessions on what clusters are, how they are mapped and governed.",
    "summary_es": "Tres sesiones virtuales sobre qué son los clústeres, cómo se mapean y gobiernan.",
    "sessions": [
        ("Clusters and competitiveness", "Clústeres y competitividad"),
        ("Mapping actors and value chains", "Mapear actores y cadenas de valor"),
        ("Governance of a cluster initiative", "Gobernanza de una iniciativa clúster"),
    ],
}
# Demo members who attended every session of the short course (besides "member").
GRADUATES = 4

SESSIONS = [
    # title, Spanish title, speaker, affiliation, tags
    (
        "What is a cluster initiative?",
        "¿Qué es una iniciativa clúster?",
        "María José Restrepo",
        "Red Clúster Colombia",
        ["cluster management"],
    ),
    (
        "Mapping your cluster: value chains and actors",
        "Mapear su clúster: cadenas de valor y actores",
        "Andrés Villalobos",
        "Universidad de Antioquia",
        ["cluster management", "value chains"],
    ),
    (
        "Governance and the cluster management organisation",
        "Gobernanza y la organización gestora del clúster",
        "Carolina Gestora",
        "Cámara de Comercio de Medellín",
        ["governance"],
    ),
    (
        "Building a shared strategy with member firms",
        "Construir una estrategia compartida con las empresas",
        "Rafael Ortega",
        "Agencia de Desarrollo Regional",
        ["strategy"],
    ),
    (
        "Financing cluster initiatives",
        "Financiación de las iniciativas clúster",
        "Patricia Gómez",
        "Banco de Desarrollo",
        ["financing"],
    ),
    (
        "Services for member firms",
        "Servicios para las empresas miembro",
        "Luis Almeida",
        "SEBRAE",
        ["cluster management"],
    ),
    (
        "Measuring results: indicators and evaluation",
        "Medir resultados: indicadores y evaluación",
        "Elena Sánchez",
        "Observatorio de Competitividad",
        ["evaluation"],
    ),
    (
        "Innovation projects and partnerships with universities",
        "Proyectos de innovación y alianzas con universidades",
        "Jorge Medina",
        "Universidad de Chile",
        ["innovation"],
    ),
    (
        "Internationalisation strategies, with a guest from a regional commission",
        "Estrategias de internacionalización, con un invitado de una comisión regional",
        "Lucía Fernández",
        "Regional economic commission",
        ["internationalisation", "export promotion"],
    ),
    (
        "Digital transformation of value chains",
        "Transformación digital de las cadenas de valor",
        "Tomás Rivas",
        "Cluster TIC del Pacífico",
        ["digital transformation", "value chains"],
    ),
    (
        "Sustainability and green value chains",
        "Sostenibilidad y cadenas de valor verdes",
        "Ana Beatriz Costa",
        "Rede de Arranjos Produtivos",
        ["sustainability"],
    ),
    (
        "Closing session: action plans and next steps",
        "Sesión de cierre: planes de acción y próximos pasos",
        "Mateo Moderador",
        "Articula",
        ["cluster management"],
    ),
]

OTHER_EVENTS = [
    {
        "slug": "webinar-cluster-data",
        "title": "Webinar: open data for cluster initiatives",
        "title_es": "Webinar: datos abiertos para iniciativas clúster",
        "summary": "How to publish and reuse open data about your cluster and its members.",
        "summary_es": "Cómo publicar y reutilizar datos abiertos sobre su clúster y sus empresas.",
        "kind": EventPage.Kind.WEBINAR,
        "mode": EventPage.Mode.ONLINE,
        "days": 10,
        "time": (15, 0),
        "hours": 1,
        "zone": "America/Mexico_City",
        "place": "",
        "capacity": 200,
        "tags": ["open data"],
    },
    {
        "slug": "workshop-bogota-export-readiness",
        "title": "Workshop in Bogotá: export readiness for cluster firms",
        "title_es": "Taller en Bogotá: preparación exportadora para empresas de clúster",
        "summary": "A one-day practical workshop with cluster managers from the Andean region.",
        "summary_es": "Un taller práctico de un día con gerentes de clúster de la región andina.",
        "kind": EventPage.Kind.WORKSHOP,
        "mode": EventPage.Mode.IN_PERSON,
        "days": 24,
        "time": (8, 30),
        "hours": 8,
        "zone": "America/Bogota",
        "place": "Cámara de Comercio de Bogotá, Bogotá",
        "capacity": 25,
        "tags": ["export promotion"],
    },
    {
        "slug": "congress-santiago-clusters",
        "title": "Latin American congress of cluster initiatives, Santiago",
        "title_es": "Congreso latinoamericano de iniciativas clúster, Santiago",
        "summary": "Two days of talks, field visits and networking for the region's clusters.",
        "summary_es": "Dos días de charlas, visitas de campo y contactos para los clústeres de la región.",
        "kind": EventPage.Kind.CONGRESS,
        "mode": EventPage.Mode.HYBRID,
        "days": 60,
        "time": (9, 0),
        "hours": 32,
        "zone": "America/Santiago",
        "place": "Centro de Convenciones, Santiago de Chile",
        "capacity": 300,
        "tags": ["innovation", "cluster management"],
    },
    {
        "slug": "webinar-women-in-clusters",
        "title": "Webinar: women leading cluster initiatives",
        "title_es": "Webinar: mujeres que lideran iniciativas clúster",
        "summary": "Four managers share how they built their initiatives.",
        "summary_es": "Cuatro gerentes cuentan cómo construyeron sus iniciativas.",
        "kind": EventPage.Kind.WEBINAR,
        "mode": EventPage.Mode.ONLINE,
        "days": -20,
        "time": (11, 0),
        "hours": 1,
        "zone": "America/Sao_Paulo",
        "place": "",
        "capacity": None,
        "tags": ["cluster management"],
    },
]

# A one-page PDF, enough for the demo's slides.
PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[3 0 R]"
    b"/Count 1>>endobj 3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 612 792]>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)


def _tag(name):
    slug = slugify(name)
    tag = Tag.objects.filter(name__iexact=name).first() or Tag.objects.filter(slug=slug).first()
    return tag or Tag.objects.create(name=name, slug=slug)


def _document(title):
    Document = get_document_model()
    document = Document.objects.filter(title=title).first()
    if document is None:
        document = Document(title=title)
        document.file.save(f"{slugify(title)}.pdf", ContentFile(PDF), save=False)
        document.save()
    return document


def _child(parent, model, slug):
    return model.objects.child_of(parent).filter(slug=slug).first()


def _publish(page):
    page.save_revision().publish()
    return page


def _translate(page, locale, **fields):
    """The live translation of ``page`` in ``locale``, made with ``copy_for_translation``."""
    translation = page.get_translation_or_none(locale)
    if translation is not None:
        return translation.specific
    translation = page.copy_for_translation(locale).specific
    for name, value in fields.items():
        setattr(translation, name, value)
    if "title" in fields:
        translation.draft_title = fields["title"]
    return _publish(translation)


def _at(day, hour, minute, zone):
    return datetime.datetime.combine(day, datetime.time(hour, minute), tzinfo=ZoneInfo(zone))


def _index(stdout):
    home = HomePage.objects.filter(locale__language_code="en").first() or HomePage.objects.first()
    index = _child(home, EventIndexPage, "events")
    if index is None:
        index = EventIndexPage(
            title="Events",
            slug="events",
            intro=(
                "Training programs for cluster management teams, webinars, workshops and "
                "congresses across Latin America."
            ),
        )
        home.add_child(instance=index)
        _publish(index)
        stdout.write("  events index page created")
    return home, index


def _create_event(parent, **fields):
    tags = fields.pop("tags", [])
    speakers = fields.pop("speakers", [])
    event = EventPage(**fields)
    for order, (name, affiliation, role) in enumerate(speakers):
        event.speakers.add(
            EventSpeaker(name=name, affiliation=affiliation, role=role, sort_order=order)
        )
    parent.add_child(instance=event)
    event.tags.set([_tag(t) for t in tags])
    return _publish(event)


def load(*, rng, stdout, scale, debug):
    es = Locale.objects.filter(language_code="es").first()
    home, index = _index(stdout)
    today = timezone.localdate()
    # The program's first session was on a Tuesday seven weeks ago: sessions 1-7 are past.
    first_day = today - datetime.timedelta(days=49 + (today.weekday() - 1) % 7)

    program = _child(index, ProgramPage, PROGRAM["slug"])
    if program is None:
        program = ProgramPage(
            title=PROGRAM["title"],
            slug=PROGRAM["slug"],
            summary=PROGRAM["summary"],
            audience=PROGRAM["audience"],
            description=(
                "<p>Each session lasts ninety minutes: a talk by a practitioner, a case from "
                "the region and a discussion. Members who attend at least 75% of the sessions "
                "receive a certificate of participation.</p>"
            ),
            start_date=first_day,
            end_date=first_day + datetime.timedelta(weeks=11),
            certificate_share=75,
        )
        program.organisations.add(
            ProgramOrganisation(name="Articula", role="organiser", sort_order=0)
        )
        program.organisations.add(
            ProgramOrganisation(name="Red Clúster Colombia", role="partner", sort_order=1)
        )
        program.organisations.add(
            ProgramOrganisation(name="Regional economic commission", role="partner", sort_order=2)
        )
        index.add_child(instance=program)
        program.tags.set([_tag("cluster management")])
        _publish(program)
        stdout.write("  training program created")

    sessions = []
    now = timezone.now()
    for number, (title, _title_es, speaker, affiliation, tags) in enumerate(SESSIONS, start=1):
        slug = f"session-{number}"
        session = _child(program, EventPage, slug)
        if session is None:
            start = _at(first_day + datetime.timedelta(weeks=number - 1), 9, 0, "America/Bogota")
            past = start + datetime.timedelta(hours=2) < now
            fields = {
                "title": f"Session {number}: {title}",
                "slug": slug,
                "number": number,
                "kind": EventPage.Kind.SESSION,
                "mode": EventPage.Mode.ONLINE,
                "time_zone": "America/Bogota",
                "start": start,
                "end": start + datetime.timedelta(minutes=90),
                "summary": f"{title}. With {speaker} ({affiliation}).",
                "join_url": f"https://meet.example.org/articula-program-{number}",
                "capacity": 60,
                "speakers": [(speaker, affiliation, "guest speaker" if number == 9 else "")],
                "tags": tags,
            }
            if past:
                fields["recording_url"] = f"https://video.example.org/articula/session-{number}"
                fields["slides"] = _document(f"Slides, session {number}: {title}")
                fields["report"] = (
                    f"<p>{speaker} opened the session. Participants discussed cases from "
                    "Colombia, Chile and Brazil.</p>"
                )
            session = _create_event(program, **fields)
        sessions.append(session)

    others = []
    for spec in OTHER_EVENTS:
        event = _child(index, EventPage, spec["slug"])
        if event is None:
            start = _at(today + datetime.timedelta(days=spec["days"]), *spec["time"], spec["zone"])
            event = _create_event(
                index,
                title=spec["title"],
                slug=spec["slug"],
                kind=spec["kind"],
                mode=spec["mode"],
                time_zone=spec["zone"],
                start=start,
                end=start + datetime.timedelta(hours=spec["hours"]),
                summary=spec["summary"],
                place=spec["place"],
                capacity=spec["capacity"],
                join_url=""
                if spec["mode"] == EventPage.Mode.IN_PERSON
                else f"https://meet.example.org/{spec['slug']}",
                recording_url=f"https://video.example.org/{spec['slug']}"
                if spec["days"] < 0
                else "",
                tags=spec["tags"],
            )
        others.append((spec, event))

    course, course_sessions = _short_course(index, first_day - datetime.timedelta(weeks=10))

    if es is not None:
        _translate_all(es, home, index, program, sessions, others)
        _translate(course, es, title=SHORT_COURSE["title_es"], summary=SHORT_COURSE["summary_es"])
        for number, session in enumerate(course_sessions, start=1):
            title_es = SHORT_COURSE["sessions"][number - 1][1]
            _translate(session, es, title=f"Sesión {number}: {title_es}", summary=f"{title_es}.")

    _registrations(rng, stdout, sessions, [event for _spec, event in others])
    _graduates(stdout, course, course_sessions)
    stdout.write(f"  {len(sessions)} program sessions and {len(others)} other events")
    if scale:
        _synthetic(index=index, scale=scale, rng=rng, stdout=stdout)


# -- Synthetic data for benchmarks -------------------------------------------------------------

SYNTHETIC_ZONES = ["America/Bogota", "America/Mexico_City", "America/Sao_Paulo", "America/Lima"]
SYNTHETIC_TITLES = {"es": "Evento sintético {number}", "pt": "Evento sintético {number}"}
SESSIONS_PER_PROGRAM = 5


def _synthetic(*, index, scale, rng, stdout):
    """``--scale N``: N/2 events in bulk (``portal.bulk_pages``): one program with five
    sessions per 100 initiatives, the rest single events (webinars, workshops, conferences)
    from a year ago to a year ahead; two tags each from the shared synthetic vocabulary; 10% of
    the single events translated into Spanish or Portuguese, 2% drafts. Skipped when the
    synthetic programs are there already."""
    from portal import bulk_pages

    from .timezones import in_zone

    programs_count = max(1, scale // 100)
    if ProgramPage.objects.filter(slug__startswith="synthetic-program-").exists():
        stdout.write("  synthetic events: already there")
        return
    picker = bulk_pages.TagPicker(bulk_pages.synthetic_tags(bulk_pages.scale_tag_count(scale)), rng)
    today = timezone.now().replace(minute=0, second=0, microsecond=0)
    kinds = [EventPage.Kind.WEBINAR, EventPage.Kind.WORKSHOP, EventPage.Kind.CONGRESS]

    def event(number, *, kind, start, title, zone):
        return EventPage(
            title=title,
            slug=f"synthetic-event-{number}",
            live=rng.random() >= 0.02,
            number=None,
            kind=kind,
            mode=rng.choice(list(EventPage.Mode)),
            time_zone=zone,
            start=start,
            end=start + datetime.timedelta(hours=rng.choice([1, 2, 3, 8])),
            local_start_date=in_zone(start, zone).date(),
            summary="A generated event for benchmarks.",
            place="" if kind == EventPage.Kind.WEBINAR else "Convention centre",
            capacity=rng.choice([None, 30, 60, 200]),
        )

    programs = [
        ProgramPage(
            title=f"Synthetic program {number}",
            slug=f"synthetic-program-{number}",
            live=True,
            summary="A generated training program for benchmarks.",
            start_date=(today + datetime.timedelta(days=rng.randint(-300, 200))).date(),
            certificate_share=75,
        )
        for number in range(1, programs_count + 1)
    ]
    bulk_pages.bulk_add_children(index, programs)
    sessions = []
    for program in programs:
        zone = rng.choice(SYNTHETIC_ZONES)
        first = datetime.datetime.combine(
            program.start_date, datetime.time(9, 0), tzinfo=ZoneInfo(zone)
        )
        children = [
            event(
                number,
                kind=EventPage.Kind.SESSION,
                start=first + datetime.timedelta(weeks=number - 1),
                title=f"{program.title}, session {number}",
                zone=zone,
            )
            for number in range(1, SESSIONS_PER_PROGRAM + 1)
        ]
        for number, child in enumerate(children, start=1):
            child.number = number
            child.live = True
        sessions += bulk_pages.bulk_add_children(program, children)
    singles = [
        event(
            number,
            kind=rng.choice(kinds),
            start=today + datetime.timedelta(hours=rng.randint(-365 * 24, 365 * 24)),
            title=f"Synthetic event {number}",
            zone=rng.choice(SYNTHETIC_ZONES),
        )
        for number in range(1, max(0, scale // 2 - len(sessions)) + 1)
    ]
    bulk_pages.bulk_add_children(index, singles)
    translations = []
    for code in ("es", "pt"):
        chosen = [page for page in singles if page.live and rng.random() < 0.05]
        parent = bulk_pages.translation_parent(index, code) if chosen else None
        translations += bulk_pages.bulk_translate(
            chosen,
            parent,
            fields=lambda page, code=code: {
                "title": SYNTHETIC_TITLES[code].format(number=page.slug.split("-")[-1])
            },
        )
    events = [*sessions, *singles, *translations]
    event_tags = [(event.pk, tag_id) for event in events for tag_id in picker.pick(2)]
    program_tags = [(program.pk, tag_id) for program in programs for tag_id in picker.pick(2)]
    bulk_pages.insert_tag_links(EventTag, event_tags)
    bulk_pages.insert_tag_links(ProgramTag, program_tags)
    bulk_pages.bulk_index(ProgramPage, [page.pk for page in programs])
    with bulk_pages.timed(stdout, "search index"):
        bulk_pages.bulk_index(EventPage, [page.pk for page in events])
    stdout.write(
        f"  synthetic events: {len(programs)} programs with {len(sessions)} sessions, "
        f"{len(singles)} other events, {len(translations)} translations, {len(event_tags) + len(program_tags)} tag links"
    )


def _translate_all(es, home, index, program, sessions, others):
    if home.get_translation_or_none(es) is None:
        _translate(home, es)
    _translate(
        index,
        es,
        title="Eventos",
        intro=(
            "Programas de formación para equipos de gestión de clústeres, webinars, talleres y "
            "congresos en toda América Latina."
        ),
    )
    _translate(
        program,
        es,
        title=PROGRAM["title_es"],
        summary=PROGRAM["summary_es"],
        audience=PROGRAM["audience_es"],
        description=(
            "<p>Cada sesión dura noventa minutos: una charla de un profesional, un caso de la "
            "región y un debate. Quienes asistan al menos al 75% de las sesiones reciben un "
            "certificado de participación.</p>"
        ),
    )
    for number, session in enumerate(sessions, start=1):
        title_es = SESSIONS[number - 1][1]
        _translate(session, es, title=f"Sesión {number}: {title_es}", summary=f"{title_es}.")
    for spec, event in others:
        _translate(event, es, title=spec["title_es"], summary=spec["summary_es"])


def _registrations(rng, stdout, sessions, others):
    User = get_user_model()
    members = list(
        User.objects.filter(is_active=True, is_superuser=False)
        .exclude(username__in=["admin", "moderator", "member"])
        .order_by("pk")
    )
    member = User.objects.filter(username="member").first()
    existing = set(
        EventRegistration.objects.filter(event__in=[*sessions, *others]).values_list(
            "event_id", "user_id"
        )
    )
    now = timezone.now()
    new = []

    def add(event, user, status):
        if (event.pk, user.pk) not in existing:
            existing.add((event.pk, user.pk))
            new.append(EventRegistration(event=event, user=user, status=status))

    for event in [*sessions, *others]:
        if not members:
            break
        capacity = event.capacity or 40
        chosen = rng.sample(members, k=min(len(members), rng.randint(8, min(capacity, 36))))
        past = event.end <= now
        for user in chosen:
            if past:
                add(event, user, Status.ATTENDED if rng.random() < 0.8 else Status.REGISTERED)
            else:
                add(event, user, Status.REGISTERED)
    if member is not None:
        for session in sessions:
            number = session.number
            if session.end <= now and number in (1, 2, 3, 5, 6):
                add(session, member, Status.ATTENDED)
            elif session.end > now and number in (9, 10):
                add(session, member, Status.REGISTERED)
        for event in others:
            if event.kind == EventPage.Kind.WEBINAR and event.end > now:
                add(event, member, Status.REGISTERED)
    EventRegistration.objects.bulk_create(new, ignore_conflicts=True)
    stdout.write(f"  {len(new)} registrations")


def _short_course(index, first_day):
    """The finished three-session course and its sessions (one a week from ``first_day``)."""
    course = _child(index, ProgramPage, SHORT_COURSE["slug"])
    if course is None:
        course = ProgramPage(
            title=SHORT_COURSE["title"],
            slug=SHORT_COURSE["slug"],
            summary=SHORT_COURSE["summary"],
            start_date=first_day,
            end_date=first_day + datetime.timedelta(weeks=2),
            certificate_share=100,
        )
        course.organisations.add(ProgramOrganisation(name="Articula", role="organiser"))
        index.add_child(instance=course)
        _publish(course)
    sessions = []
    for number, (title, _title_es) in enumerate(SHORT_COURSE["sessions"], start=1):
        slug = f"session-{number}"
        session = _child(course, EventPage, slug)
        if session is None:
            start = _at(first_day + datetime.timedelta(weeks=number - 1), 10, 0, "America/Bogota")
            session = _create_event(
                course,
                title=f"Session {number}: {title}",
                slug=slug,
                number=number,
                kind=EventPage.Kind.SESSION,
                mode=EventPage.Mode.ONLINE,
                time_zone="America/Bogota",
                start=start,
                end=start + datetime.timedelta(minutes=90),
                summary=f"{title}.",
                recording_url=f"https://video.example.org/articula/foundations-{number}",
            )
        sessions.append(session)
    return course, sessions


def _graduates(stdout, course, sessions):
    """ "member" and the first few demo members attended every session of the short course and
    hold its certificate."""
    User = get_user_model()
    graduates = [
        *User.objects.filter(username="member"),
        *User.objects.filter(is_active=True, is_superuser=False)
        .exclude(username__in=["admin", "moderator", "member"])
        .order_by("pk")[:GRADUATES],
    ]
    EventRegistration.objects.bulk_create(
        [
            EventRegistration(event=session, user=user, status=Status.ATTENDED)
            for session in sessions
            for user in graduates
        ],
        ignore_conflicts=True,
    )
    for user in graduates:
        Certificate.objects.get_or_create(user=user, program=course)
    stdout.write(f"  {len(graduates)} certificates of {course.title}")
