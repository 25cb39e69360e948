"""Demo support requests: one or more in each state, two published as questions and answers,
some in Spanish and Portuguese. Asked by the demo manager about the initiatives they manage;
triaged by the demo moderator; one answered by a member whose expertise matches.
Idempotent: a request is found by its title before anything is created."""

import datetime

from django.apps import apps
from django.contrib.auth import get_user_model
from django.utils import timezone

from wagtail.models import Page

from portal.experts import find_experts
from portal.managed_pages import managed_page_ids, managed_page_model
from portal.models import Tag

from .models import State, SupportEvent, SupportNote, SupportRequest, Volunteer

# title, language, need, urgency, state, tags, consent, published, days ago,
# description, answer
REQUESTS = [
    (
        "Designing an export strategy for our software firms",
        "en",
        "strategy",
        "high",
        State.NEW,
        ["export promotion", "software"],
        True,
        False,
        2,
        "Our cluster has forty small software firms that sell almost only at home. We want a "
        "three-year export strategy: which markets first, which services, and how to share the "
        "cost of trade missions. Who has done this in the region?",
        "",
    ),
    (
        "Metodología para mapear la cadena de valor del café",
        "es",
        "methodology",
        "normal",
        State.ASSIGNED,
        ["coffee", "agro-industry"],
        True,
        False,
        6,
        "Queremos mapear la cadena de valor del café de la región con los productores, las "
        "trilladoras y los exportadores. ¿Qué metodología recomiendan y cuánto tiempo lleva?",
        "",
    ),
    (
        "Dados de exportação de serviços de logística por estado",
        "pt",
        "data",
        "low",
        State.IN_PROGRESS,
        ["logistics"],
        False,
        False,
        12,
        "Precisamos de séries de exportação de serviços de logística por estado brasileiro para "
        "um diagnóstico do cluster. Onde encontrar dados confiáveis e atualizados?",
        "",
    ),
    (
        "How to measure the results of a cluster programme",
        "en",
        "methodology",
        "normal",
        State.ANSWERED,
        ["innovation", "cluster management"],
        True,
        True,
        30,
        "We run a cluster programme with public funding and must report its results. Which "
        "indicators do other initiatives use, and how do they collect the data each year?",
        "Start from a small set of indicators agreed with the members: number of firms taking "
        "part, joint projects started, sales and exports of the participating firms, and jobs.\n\n"
        "Collect them once a year with a short survey, and compare with a group of similar firms "
        "outside the cluster. The TCI Network's guide on cluster evaluation is a good start.",
    ),
    (
        "Propuesta de proyecto de transformación digital para pymes",
        "es",
        "proposal",
        "high",
        State.CLOSED,
        ["digital transformation"],
        True,
        True,
        45,
        "Preparamos una propuesta para un fondo regional de transformación digital de pymes del "
        "clúster. ¿Pueden revisar la estructura y el presupuesto antes de enviarla?",
        "La estructura es sólida. Recomendamos separar el diagnóstico digital de cada empresa "
        "del acompañamiento, con metas medibles por etapa, y reservar un 10 % del presupuesto "
        "para la evaluación. Incluyan cartas de compromiso de al menos cinco empresas.",
    ),
    (
        "Finding partners for a training programme",
        "en",
        "other",
        "low",
        State.CLOSED,
        ["training"],
        False,
        False,
        60,
        "We are looking for universities that could co-design a training programme for cluster "
        "managers.",
        "Two universities of the network offered to talk: staff put you in touch by email.",
    ),
]


def _topic_for(tags):
    """A live English research topic carrying one of ``tags``, else the first one."""
    model = apps.get_model("knowledge", "ResearchTopicPage")
    topics = Page.objects.type(model).live().filter(locale__language_code="en")
    through = model._meta.get_field("tagged_items").related_model
    matching = topics.filter(
        pk__in=through.objects.filter(tag__name__in=tags).values("content_object")
    ).first()
    return matching or topics.order_by("pk").first()


def _tags(names):
    found = []
    for name in names:
        tag = Tag.objects.filter(name__iexact=name).first()
        if tag is None:
            tag = Tag.objects.create(name=name)
        found.append(tag)
    return found


def load(*, rng, stdout, scale, debug=False):
    User = get_user_model()
    # The demo accounts exist with DEBUG on only; without them the requests keep no
    # requester (as after an account deletion) and no staff name.
    manager = User.objects.filter(username="manager").first()
    moderator = User.objects.filter(username="moderator").first()
    initiative_ids = sorted(managed_page_ids(manager)) if manager else []
    if not initiative_ids:
        model = managed_page_model("initiatives")
        initiative_ids = list(
            model.objects.live().order_by("pk").values_list("pk", flat=True)[: len(REQUESTS)]
        )
    if not initiative_ids:
        stdout.write("  support: no initiative, nothing to add")
        return
    initiatives = list(Page.objects.filter(pk__in=initiative_ids).order_by("pk"))
    now = timezone.now()
    created = 0
    for n, row in enumerate(REQUESTS):
        (
            title,
            language,
            need,
            urgency,
            state,
            tag_names,
            consent,
            published,
            days,
            description,
            answer,
        ) = row
        if SupportRequest.objects.filter(title=title).exists():
            continue
        tags = _tags(tag_names)
        asked = now - datetime.timedelta(days=days)
        item = SupportRequest.objects.create(
            requester=manager,
            initiative=initiatives[n % len(initiatives)],
            need=need,
            title=title,
            description=description,
            topic=_topic_for(tag_names),
            urgency=urgency,
            consent_to_publish=consent,
            language=language,
        )
        item.tags.set(tags)
        item.save()
        SupportEvent.objects.create(request=item, actor=manager, to_state=State.NEW)
        assignee = None
        if state != State.NEW:
            experts = find_experts(tags, limit=1, exclude_user_ids=[manager.pk] if manager else [])
            assignee = experts[0].user if experts and state == State.IN_PROGRESS else moderator
        steps = {
            State.NEW: [],
            State.ASSIGNED: [State.ASSIGNED],
            State.IN_PROGRESS: [State.ASSIGNED, State.IN_PROGRESS],
            State.ANSWERED: [State.ASSIGNED, State.IN_PROGRESS, State.ANSWERED],
            State.CLOSED: [State.ASSIGNED, State.ANSWERED, State.CLOSED],
        }[state]
        previous = State.NEW
        for step in steps:
            SupportEvent.objects.create(
                request=item,
                actor=moderator,
                from_state=previous,
                to_state=step,
                assignee=assignee,
            )
            previous = step
        item.state = state
        item.assignee = assignee
        if steps:
            item.first_response_at = asked + datetime.timedelta(hours=4 + 6 * n)
        if answer:
            item.answer = answer
            item.answered_by = assignee or moderator
            item.answered_at = asked + datetime.timedelta(days=3 + n)
        if state == State.CLOSED:
            item.closed_at = asked + datetime.timedelta(days=5 + n)
        if state in (State.ASSIGNED, State.IN_PROGRESS):
            item.due_date = (now + datetime.timedelta(days=7 + n)).date()
        if published:
            item.published = True
            item.published_at = item.answered_at or now
        item.save()
        # Backdated so that the figures and lists look like a few weeks of work.
        SupportRequest.objects.filter(pk=item.pk).update(created_at=asked)
        if state == State.ASSIGNED and moderator is not None:
            SupportNote.objects.create(
                request=item,
                author=moderator,
                text="Two members work on coffee value chains: asked them to volunteer.",
            )
        if state == State.NEW:
            member = User.objects.filter(username="member").first()
            if member is not None:
                Volunteer.objects.get_or_create(
                    request=item, user=member, defaults={"message": "I can share our method."}
                )
        created += 1
    stdout.write(f"  support: {created} requests added")
