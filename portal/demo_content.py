"""Demo pages and accounts for the foundation (the other apps add their own content).

The home page gets Spanish and Portuguese translations (Wagtail translations of the English
home page, made with ``copy_for_translation``), and the about, terms and privacy pages exist in
the three languages. Everything is looked up by stable keys first, so running it again changes
nothing.
"""

from django.conf import settings
from django.db import transaction

from wagtail.models import Locale

from allauth.account.models import EmailAddress

from accounts.models import User

DEMO_ACCOUNTS = [
    # username, first name, last name, superuser, groups
    ("admin", "Ana", "Administradora", True, []),
    ("moderator", "Mateo", "Moderador", False, ["Moderators"]),
    ("manager", "Carolina", "Gestora", False, ["Members", "Cluster managers"]),
    ("member", "João", "Membro", False, ["Members"]),
]

# The English home page comes from the initial data migration; these are its translations.
HOME = {
    "es": {
        "title": "Articula",
        "hero_title": "La red de iniciativas clúster",
        "hero_text": (
            "Encuentre iniciativas clúster de toda América Latina, comparta buenas prácticas y "
            "aprenda junto a quienes las gestionan."
        ),
    },
    "pt": {
        "title": "Articula",
        "hero_title": "A rede de iniciativas de cluster",
        "hero_text": (
            "Encontre iniciativas de cluster de toda a América Latina, compartilhe boas práticas "
            "e aprenda com as pessoas que as conduzem."
        ),
    },
}


def _p(*paragraphs):
    return [("paragraph", "".join(f"<p>{text}</p>" for text in paragraphs))]


def _h(text):
    return [("heading", {"text": text, "level": "h2"})]


STANDARD_PAGES = {
    "about": {
        "en": {
            "title": "About Articula",
            "intro": (
                "Articula is the community and knowledge-exchange portal of cluster initiatives "
                "and other territorial productive-articulation initiatives."
            ),
            "body": [
                *_p(
                    "Cluster initiatives bring together firms, universities, public agencies and "
                    "business associations of one territory around a shared agenda: new markets, "
                    "skills, innovation, sustainability. Many of them work alone and relearn what "
                    "others already know.",
                    "Articula gathers them in one place: a public registry and map of initiatives, "
                    "good practices written by the managers who carried them out, research topics, "
                    "news and training sessions, all linked by shared tags.",
                ),
                *_h("Who runs it"),
                *_p(
                    "The portal is run by a network of cluster practitioners. Moderators review "
                    "every registration and every practice before it is published; the data are "
                    "open and can be downloaded by anyone."
                ),
                *_h("How to take part"),
                *_p(
                    "Create an account, confirm your email address and complete your profile. "
                    "Cluster managers can register their initiative, keep it up to date and "
                    "publish good practices. Every member can follow topics, register for events "
                    "and contact other members through the site."
                ),
            ],
        },
        "es": {
            "title": "Acerca de Articula",
            "intro": (
                "Articula es el portal de comunidad e intercambio de conocimiento de las "
                "iniciativas clúster y otras iniciativas de articulación productiva territorial."
            ),
            "body": [
                *_p(
                    "Las iniciativas clúster reúnen a empresas, universidades, agencias públicas y "
                    "gremios de un territorio en torno a una agenda común: nuevos mercados, "
                    "capacidades, innovación, sostenibilidad. Muchas trabajan en solitario y "
                    "vuelven a aprender lo que otras ya saben.",
                    "Articula las reúne en un solo lugar: un registro público y un mapa de "
                    "iniciativas, buenas prácticas escritas por quienes las llevaron a cabo, temas "
                    "de investigación, noticias y sesiones de formación, todo enlazado por "
                    "etiquetas comunes.",
                ),
                *_h("Quién lo gestiona"),
                *_p(
                    "El portal lo gestiona una red de profesionales de clústeres. Los moderadores "
                    "revisan cada registro y cada práctica antes de publicarlos; los datos son "
                    "abiertos y cualquiera puede descargarlos."
                ),
                *_h("Cómo participar"),
                *_p(
                    "Cree una cuenta, confirme su dirección de correo electrónico y complete su "
                    "perfil. Las gerencias de clúster pueden registrar su iniciativa, mantenerla "
                    "al día y publicar buenas prácticas. Todos los miembros pueden seguir temas, "
                    "inscribirse en eventos y contactar con otros miembros a través del sitio."
                ),
            ],
        },
        "pt": {
            "title": "Sobre o Articula",
            "intro": (
                "O Articula é o portal de comunidade e troca de conhecimento das iniciativas de "
                "cluster e de outras iniciativas de articulação produtiva territorial."
            ),
            "body": [
                *_p(
                    "As iniciativas de cluster reúnem empresas, universidades, agências públicas e "
                    "associações empresariais de um território em torno de uma agenda comum: novos "
                    "mercados, competências, inovação, sustentabilidade. Muitas trabalham "
                    "sozinhas e reaprendem o que outras já sabem.",
                    "O Articula as reúne em um só lugar: um cadastro público e um mapa de "
                    "iniciativas, boas práticas escritas por quem as realizou, temas de pesquisa, "
                    "notícias e sessões de capacitação, tudo ligado por etiquetas comuns.",
                ),
                *_h("Quem o mantém"),
                *_p(
                    "O portal é mantido por uma rede de profissionais de clusters. Os moderadores "
                    "revisam cada cadastro e cada prática antes da publicação; os dados são "
                    "abertos e qualquer pessoa pode baixá-los."
                ),
                *_h("Como participar"),
                *_p(
                    "Crie uma conta, confirme seu endereço de e-mail e complete seu perfil. "
                    "Gestores de cluster podem cadastrar sua iniciativa, mantê-la atualizada e "
                    "publicar boas práticas. Todos os membros podem seguir temas, inscrever-se em "
                    "eventos e contatar outros membros pelo site."
                ),
            ],
        },
    },
    "terms": {
        "en": {
            "title": "Terms of use",
            "intro": "The rules that every member of Articula accepts when creating an account.",
            "body": [
                *_h("Your account"),
                *_p(
                    "You are responsible for what is published from your account. Keep your "
                    "password to yourself and turn on two-factor authentication if you manage an "
                    "initiative."
                ),
                *_h("Content you publish"),
                *_p(
                    "Publish only information you are entitled to share. Initiative records are "
                    "published as open data under the licence shown in the footer; good practices "
                    "remain yours and are shown with your name.",
                    "Moderators may edit, decline or remove content that is inaccurate, "
                    "promotional or contrary to these terms.",
                ),
                *_h("Contacting other members"),
                *_p(
                    "The contact form is for professional cooperation. Unsolicited advertising "
                    "and repeated messages are not allowed and lead to the account's suspension."
                ),
            ],
        },
        "es": {
            "title": "Condiciones de uso",
            "intro": "Las reglas que acepta cada miembro de Articula al crear su cuenta.",
            "body": [
                *_h("Su cuenta"),
                *_p(
                    "Usted es responsable de lo que se publica desde su cuenta. No comparta su "
                    "contraseña y active la verificación en dos pasos si gestiona una iniciativa."
                ),
                *_h("El contenido que publica"),
                *_p(
                    "Publique solo información que tenga derecho a compartir. Las fichas de "
                    "iniciativas se publican como datos abiertos bajo la licencia indicada en el "
                    "pie de página; las buenas prácticas siguen siendo suyas y se muestran con su "
                    "nombre.",
                    "Los moderadores pueden editar, rechazar o retirar contenidos inexactos, "
                    "promocionales o contrarios a estas condiciones.",
                ),
                *_h("Contacto con otros miembros"),
                *_p(
                    "El formulario de contacto sirve para la cooperación profesional. No se "
                    "permiten la publicidad no solicitada ni los mensajes repetidos, que conllevan "
                    "la suspensión de la cuenta."
                ),
            ],
        },
        "pt": {
            "title": "Termos de uso",
            "intro": "As regras que cada membro do Articula aceita ao criar sua conta.",
            "body": [
                *_h("Sua conta"),
                *_p(
                    "Você é responsável pelo que é publicado a partir da sua conta. Não "
                    "compartilhe sua senha e ative a autenticação em dois fatores se gerencia uma "
                    "iniciativa."
                ),
                *_h("O conteúdo que você publica"),
                *_p(
                    "Publique apenas informações que você tem o direito de compartilhar. Os "
                    "registros de iniciativas são publicados como dados abertos sob a licença "
                    "indicada no rodapé; as boas práticas continuam sendo suas e aparecem com seu "
                    "nome.",
                    "Os moderadores podem editar, recusar ou remover conteúdos imprecisos, "
                    "promocionais ou contrários a estes termos.",
                ),
                *_h("Contato com outros membros"),
                *_p(
                    "O formulário de contato é para cooperação profissional. Publicidade não "
                    "solicitada e mensagens repetidas não são permitidas e levam à suspensão da "
                    "conta."
                ),
            ],
        },
    },
    "privacy": {
        "en": {
            "title": "Privacy",
            "intro": "What Articula keeps about you, why, and how to get it changed or deleted.",
            "body": [
                *_h("What we keep"),
                *_p(
                    "Your email address, username and password (stored as a one-way hash), the "
                    "language you use, and what you choose to put in your profile. Your email "
                    "address is never shown to other members: contact requests are relayed by "
                    "the site."
                ),
                *_h("Who sees your profile"),
                *_p(
                    "You choose whether your profile is public or visible to members only, and "
                    "whether other members may contact you. You can change both at any time."
                ),
                *_h("Cookies"),
                *_p(
                    "Articula uses only the cookies it needs to work: your session, your "
                    "language and protection against forged requests. There are no advertising "
                    "or tracking cookies."
                ),
                *_h("Your rights"),
                *_p(
                    "You can download, correct or delete your data. Write to the contact address "
                    "in the footer and we will answer within 30 days."
                ),
            ],
        },
        "es": {
            "title": "Privacidad",
            "intro": "Qué guarda Articula sobre usted, para qué y cómo corregirlo o borrarlo.",
            "body": [
                *_h("Qué guardamos"),
                *_p(
                    "Su dirección de correo electrónico, su nombre de usuario y su contraseña "
                    "(guardada como un resumen irreversible), el idioma que usa y lo que decida "
                    "incluir en su perfil. Su dirección de correo nunca se muestra a otros "
                    "miembros: el sitio reenvía las solicitudes de contacto."
                ),
                *_h("Quién ve su perfil"),
                *_p(
                    "Usted decide si su perfil es público o visible solo para miembros, y si otros "
                    "miembros pueden contactarle. Puede cambiar ambas opciones en cualquier "
                    "momento."
                ),
                *_h("Cookies"),
                *_p(
                    "Articula usa solo las cookies que necesita para funcionar: su sesión, su "
                    "idioma y la protección contra solicitudes falsificadas. No hay cookies de "
                    "publicidad ni de seguimiento."
                ),
                *_h("Sus derechos"),
                *_p(
                    "Puede descargar, corregir o borrar sus datos. Escriba a la dirección de "
                    "contacto del pie de página y le responderemos en un plazo de 30 días."
                ),
            ],
        },
        "pt": {
            "title": "Privacidade",
            "intro": "O que o Articula guarda sobre você, para quê e como corrigir ou apagar.",
            "body": [
                *_h("O que guardamos"),
                *_p(
                    "Seu endereço de e-mail, nome de usuário e senha (guardada como um resumo "
                    "irreversível), o idioma que você usa e o que decidir incluir no seu perfil. "
                    "Seu e-mail nunca é mostrado a outros membros: o site encaminha os pedidos "
                    "de contato."
                ),
                *_h("Quem vê seu perfil"),
                *_p(
                    "Você decide se seu perfil é público ou visível apenas para membros, e se "
                    "outros membros podem contatá-lo. Pode mudar as duas opções a qualquer "
                    "momento."
                ),
                *_h("Cookies"),
                *_p(
                    "O Articula usa apenas os cookies necessários para funcionar: sua sessão, seu "
                    "idioma e a proteção contra solicitações forjadas. Não há cookies de "
                    "publicidade nem de rastreamento."
                ),
                *_h("Seus direitos"),
                *_p(
                    "Você pode baixar, corrigir ou apagar seus dados. Escreva para o endereço de "
                    "contato no rodapé e responderemos em até 30 dias."
                ),
            ],
        },
    },
}


def create_demo_accounts(*, stdout):
    from django.contrib.auth.models import Group

    for username, first, last, superuser, groups in DEMO_ACCOUNTS:
        email = f"{username}@example.org"
        user, created = User.objects.get_or_create(
            username=username,
            defaults={"email": email, "first_name": first, "last_name": last},
        )
        if created:
            user.set_password(settings.DEMO_PASSWORD)
        user.is_superuser = user.is_staff = superuser
        user.save()
        user.groups.set(Group.objects.filter(name__in=groups))
        EmailAddress.objects.update_or_create(
            user=user, email=email, defaults={"verified": True, "primary": True}
        )
    stdout.write(f"  demo accounts: {', '.join(a[0] for a in DEMO_ACCOUNTS)}")


def _publish(page):
    page.save_revision().publish()
    return page


def _translation(page, language_code, fields):
    """The live translation of ``page`` in ``language_code``, created with
    ``copy_for_translation`` and the translated ``fields`` when missing."""
    locale = Locale.objects.get(language_code=language_code)
    existing = page.get_translation_or_none(locale)
    if existing is not None:
        return existing.specific, False
    translation = page.copy_for_translation(locale).specific
    for name, value in fields.items():
        setattr(translation, name, value)
    translation.draft_title = translation.title
    if not translation.get_parent().is_root():
        # Same slug in every language (/about/, /es/about/); home pages are siblings under
        # the tree's root, where slugs must differ.
        translation.slug = page.slug
    return _publish(translation), True


def create_home_page(*, stdout):
    from .models import HomePage

    home = HomePage.objects.get(locale__language_code="en")
    created = 0
    for code in ("es", "pt"):
        _translation_page, was_created = _translation(home, code, HOME[code])
        created += was_created
    stdout.write(f"  home page: en, es, pt ({created} translations created)")
    return home


def create_standard_pages(*, home, stdout):
    from .models import StandardPage

    created = 0
    for slug, languages in STANDARD_PAGES.items():
        page = StandardPage.objects.filter(slug=slug, locale=home.locale).first()
        if page is None:
            page = StandardPage(slug=slug, **languages["en"])
            home.add_child(instance=page)
            _publish(page)
            created += 1
        for code in ("es", "pt"):
            _page, was_created = _translation(page, code, languages[code])
            created += was_created
    stdout.write(f"  pages: {', '.join(STANDARD_PAGES)} in en, es, pt ({created} created)")


def load(*, rng, stdout, scale, debug):
    with transaction.atomic():
        home = create_home_page(stdout=stdout)
        create_standard_pages(home=home, stdout=stdout)
    if debug:
        create_demo_accounts(stdout=stdout)
    else:
        stdout.write("  DEBUG is off: demo accounts are not created.")
