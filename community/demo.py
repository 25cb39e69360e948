"""Demo member profiles: about sixty people from chambers of commerce, development agencies,
universities, cluster initiatives and companies across Latin America, with tags that overlap
the registry's demo initiatives so that suggestions are meaningful; plus the profiles of the
demo accounts (admin, moderator, manager, member), a few contact requests and follows.

Idempotent: accounts are looked up by username; profiles are filled only when created."""

import random

from django.conf import settings
from django.utils.text import slugify

from allauth.account.models import EmailAddress

from .models import ContactRequest, Follow, MemberProfile

# first name, last name, country, city, organization, organization type, role,
# expertise, seeking, offering, languages
PEOPLE = [
    ("Lucía", "Ramírez", "CO", "Medellín", "Cámara de Comercio de Medellín para Antioquia", "chamber", "Coordinadora de clústeres", ["software", "digital transformation", "innovation"], ["export promotion"], ["cluster management"], "es en"),
    ("Andrés", "Restrepo", "CO", "Medellín", "Clúster Energía Sostenible", "cluster", "Gerente", ["energy", "innovation"], ["financing"], ["energy efficiency"], "es en"),
    ("Camila", "Ortiz", "CO", "Bogotá", "iNNpulsa Colombia", "public_agency", "Asesora de competitividad", ["innovation", "export promotion"], ["cluster management"], ["financing"], "es en"),
    ("Santiago", "Gómez", "CO", "Manizales", "Universidad de Caldas", "university", "Investigador en cadenas de valor", ["coffee", "agro-industry"], ["partners"], ["research"], "es en"),
    ("Valentina", "Muñoz", "CO", "Cali", "Cámara de Comercio de Cali", "chamber", "Directora de iniciativas clúster", ["cosmetics", "export promotion"], ["logistics"], ["cluster management"], "es"),
    ("Mateo", "Cárdenas", "CO", "Bucaramanga", "Clúster de Software de Santander", "cluster", "Director ejecutivo", ["software", "digital transformation"], ["export promotion"], ["software"], "es en"),
    ("Daniela", "Rojas", "CO", "Pereira", "Red de Cafés Especiales del Eje", "cluster", "Coordinadora técnica", ["coffee", "export promotion"], ["logistics"], ["coffee"], "es"),
    ("Juan Pablo", "Herrera", "CO", "Barranquilla", "Puerto de Barranquilla", "private", "Gerente comercial", ["logistics"], ["agro-industry"], ["logistics"], "es en"),
    ("María José", "Salazar", "PE", "Lima", "PromPerú", "public_agency", "Especialista en promoción de exportaciones", ["export promotion", "agro-industry"], ["cluster management"], ["export promotion"], "es en"),
    ("Diego", "Quispe", "PE", "Cusco", "Asociación de Turismo Rural del Cusco", "association", "Presidente", ["tourism"], ["digital transformation"], ["tourism"], "es qu"),
    ("Rosa", "Mamani", "PE", "Piura", "Cooperativa Agraria Norandino", "association", "Gerente de calidad", ["cocoa", "coffee", "agro-industry"], ["export promotion"], ["cocoa"], "es qu"),
    ("Carlos", "Huamán", "PE", "Arequipa", "Universidad Nacional de San Agustín", "university", "Profesor de ingeniería textil", ["textiles", "circular economy"], ["partners"], ["research"], "es en"),
    ("Fernanda", "Vargas", "PE", "Lima", "Cámara de Comercio de Lima", "chamber", "Jefa de servicios empresariales", ["export promotion", "logistics"], ["digital transformation"], ["training"], "es"),
    ("Ana Paula", "Souza", "BR", "São Paulo", "SEBRAE São Paulo", "public_agency", "Analista de arranjos produtivos locais", ["innovation", "digital transformation"], ["partners"], ["training"], "pt es en"),
    ("Rafael", "Oliveira", "BR", "Belo Horizonte", "Federação das Indústrias de Minas Gerais", "association", "Gerente de competitividade", ["energy", "innovation"], ["research"], ["cluster management"], "pt en"),
    ("Juliana", "Costa", "BR", "Recife", "Porto Digital", "cluster", "Diretora de inovação", ["software", "creative industries"], ["export promotion"], ["software"], "pt en"),
    ("Thiago", "Santos", "BR", "Florianópolis", "Universidade Federal de Santa Catarina", "university", "Pesquisador em economia regional", ["innovation", "circular economy"], ["partners"], ["research"], "pt en es"),
    ("Beatriz", "Lima", "BR", "Ilhéus", "Cooperativa de Cacau do Sul da Bahia", "association", "Coordenadora de exportação", ["cocoa", "agro-industry"], ["export promotion"], ["cocoa"], "pt"),
    ("Gabriel", "Pereira", "BR", "Porto Alegre", "Polo de Couro e Calçado do Vale dos Sinos", "cluster", "Gestor", ["textiles", "export promotion"], ["circular economy"], ["cluster management"], "pt es"),
    ("Larissa", "Almeida", "BR", "Fortaleza", "Agência de Desenvolvimento do Ceará", "public_agency", "Coordenadora de turismo", ["tourism", "creative industries"], ["financing"], ["tourism"], "pt"),
    ("Martín", "Fernández", "AR", "Córdoba", "Clúster Tecnológico Córdoba", "cluster", "Gerente", ["software", "innovation"], ["export promotion"], ["software"], "es en"),
    ("Sofía", "López", "AR", "Mendoza", "Fondo para la Transformación y el Crecimiento de Mendoza", "public_agency", "Analista de cadenas productivas", ["agro-industry", "export promotion"], ["logistics"], ["financing"], "es en"),
    ("Federico", "Giménez", "AR", "Rosario", "Universidad Nacional de Rosario", "university", "Director del observatorio pyme", ["innovation", "logistics"], ["partners"], ["research"], "es en"),
    ("Carolina", "Benítez", "AR", "Buenos Aires", "Cámara Argentina de Comercio y Servicios", "chamber", "Responsable de comercio exterior", ["export promotion"], ["digital transformation"], ["training"], "es"),
    ("Joaquín", "Pereyra", "AR", "Neuquén", "Clúster Energético de Vaca Muerta", "cluster", "Coordinador", ["energy"], ["logistics"], ["energy efficiency"], "es"),
    ("Catalina", "Soto", "CL", "Santiago", "CORFO", "public_agency", "Ejecutiva de programas territoriales", ["innovation", "circular economy"], ["cluster management"], ["financing"], "es en"),
    ("Tomás", "Muñoz", "CL", "Valparaíso", "Universidad Técnica Federico Santa María", "university", "Investigador en logística portuaria", ["logistics"], ["partners"], ["research"], "es en"),
    ("Javiera", "Contreras", "CL", "Puerto Montt", "Consejo del Salmón", "association", "Gerenta de sostenibilidad", ["agro-industry", "circular economy"], ["innovation"], ["training"], "es en"),
    ("Benjamín", "Rojas", "CL", "Antofagasta", "Clúster Minero de Antofagasta", "cluster", "Gerente de proveedores", ["energy", "innovation"], ["software"], ["cluster management"], "es en"),
    ("Alejandro", "Hernández", "MX", "Monterrey", "Clúster Automotriz de Nuevo León", "cluster", "Director de vinculación", ["innovation", "logistics"], ["digital transformation"], ["training"], "es en"),
    ("Mariana", "García", "MX", "Guadalajara", "Cámara Nacional de la Industria Electrónica (CANIETI) Occidente", "chamber", "Coordinadora de proyectos", ["software", "digital transformation"], ["export promotion"], ["cluster management"], "es en"),
    ("José Luis", "Martínez", "MX", "Oaxaca", "Secretaría de Turismo de Oaxaca", "public_agency", "Director de desarrollo turístico", ["tourism"], ["creative industries"], ["financing"], "es"),
    ("Gabriela", "Sánchez", "MX", "Ciudad de México", "Instituto Politécnico Nacional", "university", "Profesora investigadora", ["circular economy", "textiles"], ["partners"], ["research"], "es en fr"),
    ("Ricardo", "Torres", "MX", "Chiapas", "Red de Cafeticultores de Chiapas", "association", "Gerente comercial", ["coffee", "export promotion"], ["logistics"], ["coffee"], "es"),
    ("Paola", "Jiménez", "CR", "San José", "PROCOMER", "public_agency", "Especialista en encadenamientos", ["export promotion", "innovation"], ["cluster management"], ["training"], "es en"),
    ("Esteban", "Mora", "CR", "Heredia", "Universidad Nacional de Costa Rica", "university", "Investigador en bioeconomía", ["agro-industry", "circular economy"], ["financing"], ["research"], "es en"),
    ("Daniel", "Vega", "CR", "Cartago", "Clúster de Dispositivos Médicos", "cluster", "Director", ["health", "innovation"], ["export promotion"], ["cluster management"], "es en"),
    ("Andrea", "Paredes", "EC", "Guayaquil", "Cámara de Comercio de Guayaquil", "chamber", "Jefa de comercio exterior", ["export promotion", "cocoa"], ["logistics"], ["training"], "es en"),
    ("Pablo", "Andrade", "EC", "Quito", "Corporación Financiera Nacional", "public_agency", "Analista de financiamiento productivo", ["agro-industry"], ["cluster management"], ["financing"], "es"),
    ("Verónica", "Cevallos", "EC", "Cuenca", "Universidad de Cuenca", "university", "Directora de vinculación", ["tourism", "textiles"], ["partners"], ["research"], "es en"),
    ("Luis", "Zambrano", "EC", "Manabí", "Red de Cacao Fino de Aroma", "cluster", "Coordinador", ["cocoa", "export promotion"], ["digital transformation"], ["cocoa"], "es"),
    ("Natalia", "Acosta", "UY", "Montevideo", "Uruguay XXI", "public_agency", "Coordinadora de promoción", ["export promotion", "software"], ["partners"], ["export promotion"], "es en pt"),
    ("Sebastián", "Silva", "UY", "Montevideo", "Cámara Uruguaya de Tecnologías de la Información", "chamber", "Director ejecutivo", ["software", "digital transformation"], ["export promotion"], ["cluster management"], "es en"),
    ("Florencia", "Rodríguez", "UY", "Colonia", "Clúster de Turismo de Colonia", "cluster", "Gerente", ["tourism"], ["digital transformation"], ["tourism"], "es pt"),
    ("Hugo", "Villalba", "PY", "Asunción", "Unión Industrial Paraguaya", "association", "Gerente de proyectos", ["textiles", "export promotion"], ["financing"], ["training"], "es gn"),
    ("Lorena", "Benítez", "PY", "Encarnación", "Universidad Nacional de Itapúa", "university", "Investigadora en agronegocios", ["agro-industry", "logistics"], ["partners"], ["research"], "es gn"),
    ("Marco", "Gutiérrez", "BO", "Santa Cruz de la Sierra", "Cámara de Industria, Comercio, Servicios y Turismo de Santa Cruz", "chamber", "Gerente técnico", ["agro-industry", "logistics"], ["export promotion"], ["training"], "es"),
    ("Ximena", "Choque", "BO", "La Paz", "Fundación para el Desarrollo Productivo", "association", "Directora", ["textiles", "tourism"], ["financing"], ["training"], "es ay"),
    ("Óscar", "Castillo", "GT", "Ciudad de Guatemala", "AGEXPORT", "association", "Coordinador de comisiones", ["export promotion", "coffee"], ["logistics"], ["export promotion"], "es en"),
    ("Elena", "Morales", "GT", "Antigua Guatemala", "Clúster de Turismo de Sacatepéquez", "cluster", "Gerenta", ["tourism", "coffee"], ["digital transformation"], ["tourism"], "es en"),
    ("Roberto", "Flores", "SV", "San Salvador", "Organismo Promotor de Exportaciones e Inversiones de El Salvador", "public_agency", "Especialista sectorial", ["export promotion", "textiles"], ["cluster management"], ["export promotion"], "es en"),
    ("Isabel", "Navarro", "HN", "San Pedro Sula", "Cámara de Comercio e Industrias de Cortés", "chamber", "Jefa de desarrollo empresarial", ["textiles", "logistics"], ["export promotion"], ["training"], "es"),
    ("Miguel Ángel", "Reyes", "DO", "Santo Domingo", "Consejo Nacional de Competitividad", "public_agency", "Coordinador de clústeres", ["tourism", "cocoa"], ["partners"], ["cluster management"], "es en"),
    ("Adriana", "Pineda", "PA", "Ciudad de Panamá", "Universidad Tecnológica de Panamá", "university", "Investigadora en logística", ["logistics", "digital transformation"], ["partners"], ["research"], "es en"),
    ("Felipe", "Aguilar", "CO", "Bogotá", "Consultora Redes Productivas", "consultancy", "Consultor en desarrollo de clústeres", ["innovation", "export promotion"], ["partners"], ["cluster management"], "es en"),
    ("Laura", "Medina", "MX", "Puebla", "Clúster Textil de Puebla", "cluster", "Coordinadora de sostenibilidad", ["textiles", "circular economy"], ["software"], ["textiles"], "es"),
    ("Renata", "Carvalho", "BR", "Manaus", "Polo Industrial de Manaus", "cluster", "Analista de inovação", ["energy", "logistics"], ["software"], ["logistics"], "pt"),
    ("Ignacio", "Paz", "AR", "Tucumán", "Clúster del Limón", "cluster", "Gerente", ["agro-industry", "export promotion"], ["logistics"], ["agro-industry"], "es"),
    ("Patricia", "Ruiz", "PE", "Trujillo", "Banco Interamericano de Desarrollo (oficina Perú)", "international", "Especialista en competitividad", ["innovation", "agro-industry"], ["partners"], ["financing"], "es en pt"),
    ("Eduardo", "Chávez", "EC", "Ambato", "Clúster de Cuero y Calzado de Tungurahua", "cluster", "Presidente", ["textiles", "circular economy"], ["export promotion"], ["textiles"], "es"),
]  # fmt: skip

# The demo accounts made by the portal loader.
DEMO_ACCOUNT_PROFILES = {
    "admin": ("Ana Administradora", "Articula", "other", "Administradora del portal", "CO", "Bogotá", ["innovation"], [], [], "es en pt"),
    "moderator": ("Mateo Moderador", "Articula", "other", "Moderador", "PE", "Lima", ["export promotion"], [], [], "es en"),
    "manager": ("Carolina Gestora", "Clúster de Software de Medellín", "cluster", "Gerente de la iniciativa", "CO", "Medellín", ["software", "digital transformation", "innovation"], ["export promotion", "financing"], ["software", "cluster management"], "es en"),
    "member": ("João Membro", "SEBRAE Minas Gerais", "public_agency", "Analista de competitividade", "BR", "Belo Horizonte", ["coffee", "agro-industry", "export promotion"], ["logistics", "digital transformation"], ["training"], "pt es en"),
}  # fmt: skip

# Tags to ISIC divisions (registry sectors) for the sector bonus.
TAG_SECTORS = {
    "coffee": "01", "cocoa": "01", "agro-industry": "10", "textiles": "13", "software": "62",
    "digital transformation": "62", "energy": "35", "logistics": "52", "tourism": "55",
    "cosmetics": "20", "health": "32", "creative industries": "90",
}  # fmt: skip

BIO = {
    "es": "Trabajo en {org} ({city}) en {topics}. Me interesa conectar con iniciativas de otros países de la región para compartir buenas prácticas.",
    "pt": "Trabalho na {org} ({city}) com {topics}. Quero me conectar com iniciativas de outros países da região para trocar boas práticas.",
}


def _username(first, last):
    return slugify(f"{first} {last}").replace("-", ".")[:150]


def _sectors(tags):
    codes = {TAG_SECTORS[t] for t in tags if t in TAG_SECTORS}
    if not codes:
        return []
    sector_model = MemberProfile._meta.get_field("sectors").related_model
    return list(sector_model.objects.filter(code__in=codes))


def _fill(
    profile,
    *,
    display_name,
    organization,
    org_type,
    role,
    country,
    city,
    expertise,
    seeking,
    offering,
    languages,
    visibility,
    rng,
):
    profile.display_name = display_name
    profile.organization = organization
    profile.organization_type = org_type
    profile.role = role
    profile.country = country
    profile.city = city
    profile.languages = languages
    profile.visibility = visibility
    language = "pt" if country == "BR" else "es"
    profile.bio = BIO[language].format(org=organization, city=city, topics=", ".join(expertise))
    profile.links = [f"https://example.org/{slugify(organization)[:60]}"]
    profile.allow_contact = rng.random() > 0.05
    profile.expertise.set(expertise)
    profile.seeking.set(seeking)
    profile.offering.set(offering)
    profile.save()
    profile.sectors.set(_sectors(expertise))


def load(*, rng, stdout, scale, debug):
    from accounts.models import User

    # A local generator: the profiles do not depend on what other loaders drew before.
    local = random.Random(30)  # noqa: S311 - demo data
    created = 0
    for (
        first,
        last,
        country,
        city,
        org,
        org_type,
        role,
        expertise,
        seeking,
        offering,
        langs,
    ) in PEOPLE:
        username = _username(first, last)
        user, is_new = User.objects.get_or_create(
            username=username,
            defaults={
                "email": f"{username}@example.org",
                "first_name": first,
                "last_name": last,
                "preferred_language": "pt" if country == "BR" else "es",
            },
        )
        visibility = "public" if local.random() < 0.7 else "members"
        if not is_new:
            continue
        if debug:
            user.set_password(settings.DEMO_PASSWORD)
        else:
            user.set_unusable_password()
        user.save()
        EmailAddress.objects.get_or_create(
            user=user, email=user.email, defaults={"verified": True, "primary": True}
        )
        from django.contrib.auth.models import Group

        user.groups.add(*Group.objects.filter(name="Members"))
        profile, _ = MemberProfile.objects.get_or_create(
            user=user, defaults={"display_name": first}
        )
        _fill(
            profile,
            display_name=f"{first} {last}",
            organization=org,
            org_type=org_type,
            role=role,
            country=country,
            city=city,
            expertise=expertise,
            seeking=seeking,
            offering=offering,
            languages=langs,
            visibility=visibility,
            rng=local,
        )
        created += 1

    for username, row in DEMO_ACCOUNT_PROFILES.items():
        user = User.objects.filter(username=username).first()
        if user is None:
            continue
        profile, _ = MemberProfile.objects.get_or_create(
            user=user, defaults={"display_name": row[0]}
        )
        if profile.organization:  # already filled (idempotent)
            continue
        name, org, org_type, role, country, city, expertise, seeking, offering, langs = row
        _fill(
            profile,
            display_name=name,
            organization=org,
            org_type=org_type,
            role=role,
            country=country,
            city=city,
            expertise=expertise,
            seeking=seeking,
            offering=offering,
            languages=langs,
            visibility="public",
            rng=random.Random(1),  # noqa: S311 - keeps allow_contact on
        )
        profile.allow_contact = True
        profile.save()

    _demo_interactions()
    stdout.write(f"  members: {created} demo profiles created ({len(PEOPLE)} in the set)")
    if scale:
        _synthetic(scale=scale, rng=rng, stdout=stdout)


def _synthetic(*, scale, rng, stdout):
    """``--scale N``: 5N members (users and profiles, 80% public) with 9N tag links. Only
    the missing ones are added."""
    from accounts.models import User
    from portal.bulk_pages import scale_tag_count

    from .bulk import build_synthetic_members

    count = 5 * scale
    existing = User.objects.filter(username__startswith="synthetic-").count()
    if existing >= count:
        stdout.write(f"  synthetic members: {existing} already there")
        return
    missing = count - existing
    build_synthetic_members(
        count=missing,
        links=missing * 9 // 5,
        rng=rng,
        tag_count=scale_tag_count(scale),
        batch_size=5000,
    )
    stdout.write(f"  synthetic members: {missing} created in bulk")


def _demo_interactions():
    """Messages in the demo member's and manager's inboxes, and a few follows."""
    from accounts.models import User
    from portal.models import Tag

    users = {u.username: u for u in User.objects.filter(
        username__in=["member", "manager", "daniela.rojas", "ricardo.torres", "lucia.ramirez"]
    )}  # fmt: skip
    messages = [
        ("daniela.rojas", "member", "Cafés especiales: ¿intercambio de experiencias?",
         "Hola João, vi que trabajas en café y promoción de exportaciones. En la Red de Cafés "
         "Especiales del Eje Cafetero tenemos un programa de trazabilidad; ¿te interesa una "
         "llamada para comparar enfoques con Minas Gerais?"),
        ("ricardo.torres", "member", "Logística para pequeños productores",
         "Buenos días. Buscamos aliados en logística para exportar café de pequeños productores "
         "de Chiapas. ¿Podríamos conversar?"),
        ("lucia.ramirez", "manager", "Misión comercial de software a Centroamérica",
         "Carolina, estamos organizando una misión comercial del clúster en marzo. ¿Quieren "
         "sumarse?"),
    ]  # fmt: skip
    for sender, recipient, subject, message in messages:
        if sender in users and recipient in users:
            ContactRequest.objects.get_or_create(
                sender=users[sender],
                recipient=users[recipient],
                subject=subject,
                defaults={"message": message},
            )
    if "member" in users:
        for name in ("coffee", "export promotion"):
            tag = Tag.objects.filter(name__iexact=name).first()
            if tag is not None:
                Follow.objects.get_or_create(user=users["member"], tag=tag)
