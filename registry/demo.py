"""Demo initiatives: about forty realistic cluster initiatives across Latin America (Colombia
most), some managed by the demo ``manager`` account, some imported without managers; with
``--scale N`` also N synthetic initiatives, created in bulk, for benchmarks."""

from datetime import date
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from .models import (
    InitiativeIndicator,
    InitiativePage,
    InitiativeTag,
    Sector,
    Source,
    SupportProgram,
)
from .services import index_pages_ensure, manager_add, slug_for

# name, acronym, country, region, city, lat, lon, kind, stage, sectors, tags, origin
# origin: "manager" (managed by the demo manager), "import" (no manager), "staff"
INITIATIVES = [
    (
        "Medellín Software and IT Cluster",
        "MedTIC",
        "CO",
        "Antioquia",
        "Medellín",
        6.2442,
        -75.5812,
        "cluster",
        "consolidated",
        ["62", "63"],
        ["software", "digital transformation", "innovation"],
        "manager",
    ),
    (
        "Antioquia Textile, Apparel and Fashion Cluster",
        "Moda Antioquia",
        "CO",
        "Antioquia",
        "Medellín",
        6.2518,
        -75.5636,
        "cluster",
        "consolidated",
        ["13", "14"],
        ["textiles", "export promotion", "circular economy"],
        "manager",
    ),
    (
        "Medellín Energy Cluster",
        "",
        "CO",
        "Antioquia",
        "Medellín",
        6.2308,
        -75.5906,
        "cluster",
        "consolidated",
        ["35"],
        ["energy", "innovation"],
        "staff",
    ),
    (
        "Antioquia Specialty Coffee Network",
        "",
        "CO",
        "Antioquia",
        "Jardín",
        5.5986,
        -75.8197,
        "network",
        "intermediate",
        ["01", "10"],
        ["coffee", "agro-industry", "export promotion"],
        "import",
    ),
    (
        "Bogotá Software and IT Cluster",
        "BogoTIC",
        "CO",
        "Bogotá D.C.",
        "Bogotá",
        4.6533,
        -74.0836,
        "cluster",
        "consolidated",
        ["62"],
        ["software", "digital transformation"],
        "staff",
    ),
    (
        "Bogotá Creative Industries Cluster",
        "",
        "CO",
        "Bogotá D.C.",
        "Bogotá",
        4.6097,
        -74.0817,
        "cluster",
        "intermediate",
        ["59", "90"],
        ["creative industries", "innovation"],
        "import",
    ),
    (
        "Bogotá-Region Cosmetics Cluster",
        "",
        "CO",
        "Bogotá D.C.",
        "Bogotá",
        4.6486,
        -74.1006,
        "cluster",
        "intermediate",
        ["20"],
        ["cosmetics", "export promotion"],
        "staff",
    ),
    (
        "Bogotá Logistics Platform",
        "",
        "CO",
        "Cundinamarca",
        "Funza",
        4.7167,
        -74.2119,
        "value_chain",
        "emerging",
        ["52"],
        ["logistics"],
        "import",
    ),
    (
        "Cali Pacific Excellence Cluster in Sugar Cane",
        "",
        "CO",
        "Valle del Cauca",
        "Cali",
        3.4516,
        -76.5320,
        "cluster",
        "consolidated",
        ["01", "10", "35"],
        ["agro-industry", "energy", "circular economy"],
        "manager",
    ),
    (
        "Cali Urban Beauty Cluster",
        "",
        "CO",
        "Valle del Cauca",
        "Cali",
        3.4372,
        -76.5225,
        "cluster",
        "intermediate",
        ["20", "96"],
        ["cosmetics", "innovation"],
        "staff",
    ),
    (
        "Valle Digital Excellence Cluster",
        "",
        "CO",
        "Valle del Cauca",
        "Cali",
        3.4005,
        -76.5470,
        "cluster",
        "emerging",
        ["62", "63"],
        ["software", "digital transformation"],
        "import",
    ),
    (
        "Barranquilla Port and Logistics Cluster",
        "",
        "CO",
        "Atlántico",
        "Barranquilla",
        10.9685,
        -74.7813,
        "cluster",
        "intermediate",
        ["50", "52"],
        ["logistics", "export promotion"],
        "staff",
    ),
    (
        "Atlántico Tourism Cluster",
        "",
        "CO",
        "Atlántico",
        "Barranquilla",
        11.0041,
        -74.8070,
        "cluster",
        "emerging",
        ["55", "79"],
        ["tourism"],
        "import",
    ),
    (
        "Bucaramanga Footwear and Leather Cluster",
        "",
        "CO",
        "Santander",
        "Bucaramanga",
        7.1193,
        -73.1227,
        "cluster",
        "intermediate",
        ["15"],
        ["textiles", "export promotion"],
        "manager",
    ),
    (
        "Santander Health Cluster",
        "",
        "CO",
        "Santander",
        "Floridablanca",
        7.0622,
        -73.0864,
        "cluster",
        "intermediate",
        ["86"],
        ["health", "innovation"],
        "import",
    ),
    (
        "Huila Specialty Coffee Cluster",
        "",
        "CO",
        "Huila",
        "Pitalito",
        1.8537,
        -76.0514,
        "cluster",
        "emerging",
        ["01"],
        ["coffee", "agro-industry"],
        "import",
    ),
    (
        "Caldas Cocoa Value Chain Program",
        "",
        "CO",
        "Caldas",
        "Manizales",
        5.0703,
        -75.5138,
        "value_chain",
        "emerging",
        ["01", "10"],
        ["cocoa", "agro-industry"],
        "staff",
    ),
    (
        "Guadalajara Electronics and Software Cluster",
        "",
        "MX",
        "Jalisco",
        "Guadalajara",
        20.6597,
        -103.3496,
        "cluster",
        "consolidated",
        ["26", "62"],
        ["software", "innovation"],
        "staff",
    ),
    (
        "Querétaro Aerospace Cluster",
        "",
        "MX",
        "Querétaro",
        "Querétaro",
        20.5888,
        -100.3899,
        "cluster",
        "consolidated",
        ["30"],
        ["innovation", "export promotion"],
        "import",
    ),
    (
        "Nuevo León Automotive Cluster",
        "CLAUT",
        "MX",
        "Nuevo León",
        "Monterrey",
        25.6866,
        -100.3161,
        "cluster",
        "consolidated",
        ["29"],
        ["logistics", "innovation"],
        "staff",
    ),
    (
        "Oaxaca Mezcal Value Chain",
        "",
        "MX",
        "Oaxaca",
        "Oaxaca",
        17.0732,
        -96.7266,
        "value_chain",
        "intermediate",
        ["11"],
        ["agro-industry", "export promotion", "tourism"],
        "import",
    ),
    (
        "São Paulo Technology Park",
        "",
        "BR",
        "São Paulo",
        "São Paulo",
        -23.5505,
        -46.6333,
        "park",
        "consolidated",
        ["72", "62"],
        ["innovation", "software"],
        "staff",
    ),
    (
        "Porto Digital",
        "",
        "BR",
        "Pernambuco",
        "Recife",
        -8.0631,
        -34.8711,
        "park",
        "consolidated",
        ["62", "63"],
        ["software", "digital transformation", "innovation"],
        "import",
    ),
    (
        "Serra Gaúcha Wine Cluster",
        "",
        "BR",
        "Rio Grande do Sul",
        "Bento Gonçalves",
        -29.1662,
        -51.5165,
        "cluster",
        "consolidated",
        ["01", "11"],
        ["agro-industry", "tourism"],
        "manager",
    ),
    (
        "Minas Gerais Coffee Productive Arrangement",
        "APL Café",
        "BR",
        "Minas Gerais",
        "Varginha",
        -21.5513,
        -45.4303,
        "district",
        "intermediate",
        ["01"],
        ["coffee", "export promotion"],
        "import",
    ),
    (
        "Bahia Cocoa Innovation Network",
        "",
        "BR",
        "Bahia",
        "Ilhéus",
        -14.7936,
        -39.0463,
        "network",
        "emerging",
        ["01", "10"],
        ["cocoa", "innovation"],
        "staff",
    ),
    (
        "Santiago Mining Suppliers Cluster",
        "",
        "CL",
        "Región Metropolitana",
        "Santiago",
        -33.4489,
        -70.6693,
        "cluster",
        "consolidated",
        ["09", "28"],
        ["innovation", "energy"],
        "staff",
    ),
    (
        "Antofagasta Solar Energy Cluster",
        "",
        "CL",
        "Antofagasta",
        "Antofagasta",
        -23.6509,
        -70.3975,
        "cluster",
        "intermediate",
        ["35"],
        ["energy", "circular economy"],
        "import",
    ),
    (
        "Maule Fruit Export Network",
        "",
        "CL",
        "Maule",
        "Talca",
        -35.4264,
        -71.6554,
        "network",
        "intermediate",
        ["01", "46"],
        ["agro-industry", "export promotion", "logistics"],
        "staff",
    ),
    (
        "Lima Gastronomy Cluster",
        "",
        "PE",
        "Lima",
        "Lima",
        -12.0464,
        -77.0428,
        "cluster",
        "intermediate",
        ["56"],
        ["tourism", "agro-industry"],
        "import",
    ),
    (
        "Cusco Tourism Cluster",
        "",
        "PE",
        "Cusco",
        "Cusco",
        -13.5320,
        -71.9675,
        "cluster",
        "intermediate",
        ["55", "79"],
        ["tourism"],
        "staff",
    ),
    (
        "Piura Organic Banana Value Chain",
        "",
        "PE",
        "Piura",
        "Sullana",
        -4.9039,
        -80.6853,
        "value_chain",
        "emerging",
        ["01"],
        ["agro-industry", "export promotion"],
        "import",
    ),
    (
        "Córdoba Software Cluster",
        "",
        "AR",
        "Córdoba",
        "Córdoba",
        -31.4201,
        -64.1888,
        "cluster",
        "consolidated",
        ["62"],
        ["software", "digital transformation"],
        "staff",
    ),
    (
        "Mendoza Wine Cluster",
        "",
        "AR",
        "Mendoza",
        "Mendoza",
        -32.8895,
        -68.8458,
        "cluster",
        "consolidated",
        ["11", "01"],
        ["agro-industry", "tourism", "export promotion"],
        "import",
    ),
    (
        "Rafaela Metalworking District",
        "",
        "AR",
        "Santa Fe",
        "Rafaela",
        -31.2503,
        -61.4867,
        "district",
        "intermediate",
        ["25", "28"],
        ["innovation"],
        "staff",
    ),
    (
        "Guayaquil Shrimp and Aquaculture Cluster",
        "",
        "EC",
        "Guayas",
        "Guayaquil",
        -2.1710,
        -79.9224,
        "cluster",
        "intermediate",
        ["03", "10"],
        ["agro-industry", "export promotion"],
        "import",
    ),
    (
        "Ecuador Fine Aroma Cocoa Network",
        "",
        "EC",
        "Los Ríos",
        "Quevedo",
        -1.0286,
        -79.4635,
        "network",
        "emerging",
        ["01", "10"],
        ["cocoa", "export promotion"],
        "manager",
    ),
    (
        "Montevideo ICT Cluster",
        "",
        "UY",
        "Montevideo",
        "Montevideo",
        -34.9011,
        -56.1645,
        "cluster",
        "consolidated",
        ["62"],
        ["software", "innovation"],
        "staff",
    ),
    (
        "Uruguay Forestry and Wood Cluster",
        "",
        "UY",
        "Rivera",
        "Rivera",
        -30.9053,
        -55.5508,
        "cluster",
        "intermediate",
        ["02", "16"],
        ["circular economy", "export promotion"],
        "import",
    ),
    (
        "Costa Rica Medical Devices Cluster",
        "",
        "CR",
        "Heredia",
        "Heredia",
        9.9981,
        -84.1198,
        "cluster",
        "consolidated",
        ["32", "21"],
        ["health", "export promotion", "innovation"],
        "staff",
    ),
    (
        "Costa Rica Sustainable Tourism Network",
        "",
        "CR",
        "Guanacaste",
        "Liberia",
        10.6346,
        -85.4377,
        "network",
        "intermediate",
        ["55", "79"],
        ["tourism", "circular economy"],
        "import",
    ),
]

SUMMARIES = {
    "cluster": "Firms, universities and public agencies of {city} working together on {topic}.",
    "network": "A business network in {city} sharing services and markets around {topic}.",
    "district": "A productive district around {city} specialised in {topic}.",
    "park": "A technology park in {city} hosting companies and research centres in {topic}.",
    "value_chain": "A value-chain program in {city} that connects producers and buyers in {topic}.",
}
ORGANIZATIONS = {
    "CO": "Cámara de Comercio de {city}",
    "MX": "Consejo Estatal de Clústeres de {region}",
    "BR": "Agência de Desenvolvimento de {region}",
    "CL": "Corporación de Fomento de {region}",
    "PE": "Cámara de Comercio de {city}",
    "AR": "Agencia de Desarrollo de {city}",
    "EC": "Cámara de Industrias de {city}",
    "UY": "Agencia Nacional de Desarrollo",
    "CR": "Promotora de Comercio Exterior",
}
PROGRAMS = [
    ("Rutas Competitivas", "RC", "iNNpulsa Colombia", "CO"),
    ("Programa de Apoyo a Clusters", "PAC", "Inter-American Development Bank", ""),
]


def _organisation(country, city, region):
    return ORGANIZATIONS.get(country, "Development agency of {city}").format(
        city=city, region=region
    )


@transaction.atomic
def load(*, rng, stdout, scale, debug):
    index = index_pages_ensure()
    if index is None:
        stdout.write("  no home page: the registry was not created.")
        return
    from accounts.models import User

    programs = []
    for name, acronym, funder, country in PROGRAMS:
        program, _created = SupportProgram.objects.get_or_create(
            name=name, defaults={"acronym": acronym, "funder": funder, "country": country}
        )
        programs.append(program)
    sectors = {sector.code: sector for sector in Sector.objects.all()}
    manager = User.objects.filter(username="manager").first()
    created = 0
    for number, row in enumerate(INITIATIVES, start=1):
        name, acronym, country, region, city, lat, lon, kind, stage, codes, tags, origin = row
        external_id = f"demo-{number:03d}"
        page = InitiativePage.objects.filter(external_id=external_id).first()
        if page is not None:
            if origin == "manager" and manager is not None:
                manager_add(page=page, user=manager)
            continue
        firms = rng.randint(15, 220)
        page = InitiativePage(
            title=name,
            slug=slug_for(name, parent=index),
            acronym=acronym,
            kind=kind,
            stage=stage,
            country=country,
            region=region,
            city=city,
            latitude=Decimal(str(lat)),
            longitude=Decimal(str(lon)),
            location_precision="city",
            year_founded=rng.randint(1998, 2021),
            summary=SUMMARIES[kind].format(city=city, topic=", ".join(tags[:2])),
            managing_organization=_organisation(country, city, region),
            organization_type=rng.choice(["chamber", "public_agency", "association", "university"]),
            team_size=Decimal(rng.randint(2, 12)),
            support_program=programs[0] if country == "CO" and rng.random() < 0.5 else None,
            member_firms=firms,
            member_smes=int(firms * rng.uniform(0.55, 0.9)),
            member_research_bodies=rng.randint(1, 9),
            member_public_bodies=rng.randint(1, 6),
            value_chain=", ".join(tags[:2]).capitalize(),
            website=f"https://{slugify(acronym or name)[:40]}.example.org",
            contact_email=f"contact@{slugify(acronym or name)[:40]}.example.org",
            contact_person="",
            external_id=external_id,
            source=Source.IMPORT if origin == "import" else Source.ADMIN,
            last_verified_on=date(2025, rng.randint(1, 12), rng.randint(1, 28)),
            locale=index.locale,
        )
        page.sectors.set([sectors[code] for code in codes if code in sectors])
        page.tags.set(tags)
        if tags[0] in ("software", "coffee", "cocoa"):
            page.seeking_tags.set(["export promotion"])
            page.offering_tags.set([tags[0]])
        for year in (2022, 2023, 2024):
            page.indicators.add(
                InitiativeIndicator(
                    year=year,
                    members=firms - (2024 - year) * rng.randint(1, 6),
                    sales_growth=Decimal(str(round(rng.uniform(-3, 14), 1))),
                    new_export_markets=rng.randint(0, 4),
                )
            )
        index.add_child(instance=page)
        page.save_revision().publish()
        if origin == "manager" and manager is not None:
            manager_add(page=page, user=manager)
        created += 1
    stdout.write(f"  initiatives: {created} created ({len(INITIATIVES)} demo records)")
    if scale:
        synthetic(index=index, count=scale, rng=rng, stdout=stdout)


# -- Synthetic data for benchmarks -------------------------------------------------------------

BOXES = [
    # country, lat min, lat max, lon min, lon max (roughly inland)
    ("CO", 1.0, 11.0, -77.0, -72.0),
    ("MX", 17.0, 27.0, -108.0, -97.0),
    ("BR", -30.0, -5.0, -55.0, -38.0),
    ("AR", -38.0, -25.0, -68.0, -58.0),
    ("CL", -40.0, -20.0, -72.5, -70.0),
    ("PE", -16.0, -4.0, -79.0, -71.0),
]
SYNTHETIC_TAGS = ["agro-industry", "logistics", "software", "tourism", "energy", "innovation"]


def synthetic(*, index, count, rng, stdout):
    """``count`` more initiatives, created with bulk inserts (treebeard paths computed here) so
    that 10,000 take seconds. Idempotent: only the missing ones are added."""
    from django.contrib.contenttypes.models import ContentType

    from wagtail.models import Page

    from portal.models import Tag

    existing = InitiativePage.objects.filter(external_id__startswith="synthetic-").count()
    missing = count - existing
    if missing <= 0:
        stdout.write(f"  synthetic initiatives: {existing} already there")
        return
    content_type = ContentType.objects.get_for_model(InitiativePage)
    index.refresh_from_db()
    last_child = index.get_last_child()
    start = int(last_child.path[-Page.steplen :], 36) + 1 if last_child else 1
    tags = [
        Tag.objects.get_or_create(name=name, defaults={"slug": slugify(name)})[0]
        for name in SYNTHETIC_TAGS
    ]
    sector_ids = list(Sector.objects.divisions().values_list("pk", flat=True))
    now = timezone.now()
    base_pages, details = [], []
    for offset in range(missing):
        number = existing + offset + 1
        country, lat0, lat1, lon0, lon1 = rng.choice(BOXES)
        slug = f"synthetic-initiative-{number}"
        title = f"Synthetic initiative {number}"
        base_pages.append(
            Page(
                title=title,
                draft_title=title,
                slug=slug,
                path=index.path + _encode(start + offset),
                depth=index.depth + 1,
                numchild=0,
                url_path=f"{index.url_path}{slug}/",
                content_type=content_type,
                locale_id=index.locale_id,
                live=True,
                has_unpublished_changes=False,
                first_published_at=now,
                last_published_at=now,
            )
        )
        details.append(
            {
                "country": country,
                "latitude": Decimal(str(round(rng.uniform(lat0, lat1), 6))),
                "longitude": Decimal(str(round(rng.uniform(lon0, lon1), 6))),
                "kind": rng.choice(["cluster", "network", "district", "park", "value_chain"]),
                "stage": rng.choice(["emerging", "intermediate", "consolidated"]),
                "summary": "A synthetic initiative for benchmarks.",
                "external_id": f"synthetic-{number}",
                "source": Source.IMPORT,
            }
        )
    # Multi-table inheritance cannot be bulk created in one step: insert the base pages, then
    # the initiative rows that point at them.
    batch = 500
    for i in range(0, len(base_pages), batch):
        Page.objects.bulk_create(base_pages[i : i + batch])
    ids = dict(
        Page.objects.filter(
            path__startswith=index.path,
            depth=index.depth + 1,
            slug__startswith="synthetic-initiative-",
        ).values_list("path", "pk")
    )
    rows = [
        InitiativePage(page_ptr_id=ids[page.path], **values)
        for page, values in zip(base_pages, details, strict=True)
    ]
    fields = InitiativePage._meta.local_concrete_fields
    for i in range(0, len(rows), batch):
        InitiativePage.objects._insert(rows[i : i + batch], fields=fields)
    Page.objects.filter(pk=index.pk).update(numchild=index.get_children().count())
    created = InitiativePage.objects.filter(external_id__startswith="synthetic-").exclude(
        pk__in=InitiativeTag.objects.values("content_object_id")
    )
    through_tags, through_sectors = [], []
    for page_id in created.values_list("pk", flat=True):
        for tag in rng.sample(tags, 2):
            through_tags.append(InitiativeTag(content_object_id=page_id, tag=tag))
        through_sectors.append(
            InitiativePage.sectors.through(
                initiativepage_id=page_id, sector_id=rng.choice(sector_ids)
            )
        )
    InitiativeTag.objects.bulk_create(through_tags, batch_size=1000)
    InitiativePage.sectors.through.objects.bulk_create(through_sectors, batch_size=1000)
    stdout.write(f"  synthetic initiatives: {missing} created in bulk")


def _encode(number):
    """A treebeard path step (4 characters, base 36, upper case)."""
    from wagtail.models import Page

    alphabet = Page.alphabet
    digits = []
    for _position in range(Page.steplen):
        number, remainder = divmod(number, len(alphabet))
        digits.append(alphabet[remainder])
    if number:
        raise ValueError("Too many children under the registry index page.")
    return "".join(reversed(digits))
