"""Demo discussions (``manage.py load_demo_data --only discussions``): threads in several
research topics and in the general space, in English, Spanish and Portuguese, with replies;
one solved, one waiting for the moderators. Idempotent: threads are found by title. Runs after
the members and the topics (its loader's order), whose rows it reads without importing."""

from django.apps import apps
from django.contrib.auth import get_user_model

from wagtail.models import Page

from portal.models import Tag

from .models import DiscussionFollow, Reply, Status, Thread

# (topic index in the live topics or None for the general space, language, title, body, tags,
#  replies, solved: index of the reply that solved it or None, status)
THREADS = [
    (
        0,
        "en",
        "How do you measure the spillovers of a cluster initiative?",
        "We are asked by our regional government to show the effects of our initiative beyond "
        "the member firms. Which indicators have worked for you, and where did the data come from?",
        ["evaluation", "indicators"],
        [
            "We used a difference-in-differences design with firms outside the cluster as the "
            "comparison group. The tax office data were the key: ask early, it took us six months.",
            "A simpler start: count joint projects, shared suppliers and new hires that came from "
            "the cluster's training. Not causal, but it convinced our council.",
        ],
        0,
        Status.PUBLISHED,
    ),
    (
        1,
        "es",
        "¿Cómo involucrar a las pymes en la hoja de ruta del clúster?",
        "Las grandes empresas vienen a todas las reuniones, pero las pequeñas casi nunca. "
        "¿Qué formatos les funcionaron para que participen en la definición de la estrategia?",
        ["pymes", "estrategia"],
        [
            "Hicimos visitas a planta en lugar de talleres: dos horas en su empresa y no medio día fuera.",
            "Nos funcionó un grupo de WhatsApp por subsector y una encuesta corta antes de cada comité.",
        ],
        None,
        Status.PUBLISHED,
    ),
    (
        2,
        "pt",
        "Alguém já usou dados de comércio exterior para mapear cadeias de valor?",
        "Queremos identificar elos faltantes na cadeia do couro no Rio Grande do Sul. "
        "Os dados do Comex Stat são suficientes ou vale combinar com a RAIS?",
        ["cadeias de valor", "dados"],
        [
            "Combinamos Comex Stat com a RAIS por CNAE e município: a RAIS mostra onde está o emprego.",
        ],
        None,
        Status.PUBLISHED,
    ),
    (
        None,
        "en",
        "Looking for partners on a circular economy pilot",
        "Our agrifood cluster wants to test a shared composting plant. Is anyone in the network "
        "working on by-product valorisation and open to a joint proposal?",
        ["circular economy"],
        [],
        None,
        Status.PUBLISHED,
    ),
    (
        None,
        "es",
        "Plantillas para el informe anual a los socios",
        "¿Alguien comparte una plantilla de informe anual que haya gustado a sus socios?",
        [],
        [],
        None,
        Status.PENDING,
    ),
]


def load(*, rng, stdout, scale, debug):
    User = get_user_model()
    people = list(
        User.objects.filter(
            is_superuser=False, is_active=True, email__endswith="@example.org"
        ).order_by("pk")[:8]
    )
    if len(people) < 3:
        stdout.write("discussions: no demo members yet, skipped")
        return
    topic_model = apps.get_model("knowledge", "ResearchTopicPage")
    topics = list(
        Page.objects.type(topic_model).live().filter(locale__language_code="en").order_by("pk")[:3]
    )
    created = 0
    for number, (topic, language, title, body, tags, replies, solved, status) in enumerate(THREADS):
        if Thread.objects.filter(title=title).exists():
            continue
        space = topics[topic] if topic is not None and topic < len(topics) else None
        author = people[number % len(people)]
        thread = Thread.objects.create(
            space=space,
            title=title,
            body=f"<p>{body}</p>",
            author=author,
            language=language,
            status=status,
        )
        if tags:
            thread.tags.set([Tag.objects.get_or_create(name=name)[0] for name in tags])
            thread.save()
        DiscussionFollow.objects.get_or_create(user=author, thread=thread)
        made = []
        for offset, text in enumerate(replies, start=1):
            made.append(
                Reply.objects.create(
                    thread=thread,
                    author=people[(number + offset) % len(people)],
                    body=f"<p>{text}</p>",
                    quote=made[-1] if offset == 2 else None,
                )
            )
        if solved is not None and made:
            thread.solved_reply = made[solved]
            thread.save(update_fields=["solved_reply"])
        created += 1
    stdout.write(f"discussions: {created} threads")
