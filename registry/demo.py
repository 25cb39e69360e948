"""Demo initiatives: about forty realistic cluster initiatives across Latin America (Colombia
most), some managed by the demo ``manager`` account, some imported without managers; with
``--scale N`` also N synthetic initiatives, created in bulk, for benchmarks."""

from datetime import date
from decimal import Decimal

from django.db import transaction
from django.utils.text import slugify

from . import identifiers
from .models import (
    InitiativeIndicator,
    InitiativeOfferingTag,
    InitiativePage,
    InitiativeSeekingTag,
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


def _identifiers_and_label(number, name, acronym, country, stage):
    """Identifiers in other registries and a quality label for some demo initiatives (derived
    from the record's number, not from rng, so that the other demo values do not move).
    Wikidata ids are left out: any QID would name a real, unrelated item."""
    values = {}
    if number % 3 == 1:
        values["eccp_profile"] = identifiers.ECCP_PROFILE_URL.format(slugify(acronym or name)[:60])
    if number % 2 == 1:
        values["eclac_id"] = f"CEPAL-{country}-{number:03d}"
        values["national_registry_number"] = f"{country} 900.{number:03d}.17-{number % 10}"
    if stage == "consolidated":
        values["quality_label"] = "gold" if number % 2 else "silver"
        values["quality_label_scheme"] = "ecei"
        values["quality_label_year"] = 2023 if number % 2 else 2022
    elif stage == "intermediate" and number % 4 == 0:
        values.update(
            quality_label="bronze", quality_label_scheme="national", quality_label_year=2024
        )
    return values


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
            **_identifiers_and_label(number, name, acronym, country, stage),
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
                    # Not from rng: the other demo values stay what they were.
                    employment=firms * 24 + (year - 2022) * firms,
                    exports_usd=firms * 150_000 * (10 + year - 2022) // 10,
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
    # country, lat min, lat max, lon min, lon max (roughly inland), regions and cities
    ("CO", 1.0, 11.0, -77.0, -72.0, ["Antioquia", "Valle del Cauca", "Santander"],
     ["Medellín", "Cali", "Bucaramanga", "Pereira"]),
    ("MX", 17.0, 27.0, -108.0, -97.0, ["Jalisco", "Nuevo León", "Puebla"],
     ["Guadalajara", "Monterrey", "Puebla", "Querétaro"]),
    ("BR", -30.0, -5.0, -55.0, -38.0, ["Minas Gerais", "São Paulo", "Paraná"],
     ["Belo Horizonte", "Campinas", "Curitiba", "Recife"]),
    ("AR", -38.0, -25.0, -68.0, -58.0, ["Córdoba", "Mendoza", "Santa Fe"],
     ["Córdoba", "Mendoza", "Rosario"]),
    ("CL", -40.0, -20.0, -72.5, -70.0, ["Biobío", "Valparaíso", "Maule"],
     ["Concepción", "Valparaíso", "Talca"]),
    ("PE", -16.0, -4.0, -79.0, -71.0, ["Arequipa", "La Libertad", "Piura"],
     ["Arequipa", "Trujillo", "Piura"]),
]  # fmt: skip
KINDS = ["cluster", "network", "district", "park", "value_chain"]
STAGES = ["emerging", "intermediate", "consolidated"]
TRANSLATED = {"es": "Iniciativa sintética {number}", "pt": "Iniciativa sintética {number}"}


def synthetic(*, index, count, rng, stdout):
    """``count`` synthetic initiatives in bulk (``portal.bulk_pages``): sectors, a location,
    three tags from the shared synthetic vocabulary and one seeking or offering tag each
    (4 tag links), 10% translated into Spanish or Portuguese, 2% drafts and 0.5% waiting in
    the registry's moderation workflow. Idempotent: only the missing ones are added."""
    from portal import bulk_pages

    existing = InitiativePage.objects.filter(external_id__startswith="synthetic-").count()
    missing = count - existing
    if missing <= 0:
        stdout.write(f"  synthetic initiatives: {existing} already there")
        return
    picker = bulk_pages.TagPicker(bulk_pages.synthetic_tags(bulk_pages.scale_tag_count(count)), rng)
    sectors = list(Sector.objects.divisions().values_list("pk", "code"))
    pages, moderated = [], []
    for offset in range(missing):
        number = existing + offset + 1
        country, lat0, lat1, lon0, lon1, regions, cities = rng.choice(BOXES)
        kind = rng.choice(KINDS)
        city = rng.choice(cities)
        roll = rng.random()
        title = f"Synthetic initiative {number}"
        page = InitiativePage(
            title=title,
            slug=f"synthetic-initiative-{number}",
            live=roll >= 0.025,
            country=country,
            region=rng.choice(regions),
            city=city,
            latitude=Decimal(str(round(rng.uniform(lat0, lat1), 6))),
            longitude=Decimal(str(round(rng.uniform(lon0, lon1), 6))),
            location_precision="city",
            kind=kind,
            stage=rng.choice(STAGES),
            year_founded=rng.randint(1995, 2024),
            summary=SUMMARIES[kind].format(city=city, topic=f"synthetic topic {number % 97}"),
            member_firms=rng.randint(10, 300),
            external_id=f"synthetic-{number}",
            source=Source.IMPORT,
        )
        pages.append(page)
        if roll < 0.005:
            moderated.append(page)
    with bulk_pages.timed(stdout, "page rows"):
        bulk_pages.bulk_add_children(index, pages)
    translations = _synthetic_translations([p for p in pages if p.live], index, rng)
    tags, seeking, offering, through_sectors = [], [], [], []
    through = InitiativePage.sectors.through
    for page in [*pages, *translations]:
        tags += [(page.pk, tag_id) for tag_id in picker.pick(3)]
        (seeking if rng.random() < 0.5 else offering).append((page.pk, picker.pick(1)[0]))
        for sector_id, _code in rng.sample(sectors, k=min(len(sectors), rng.randint(1, 2))):
            through_sectors.append((page.pk, sector_id))
    with bulk_pages.timed(stdout, "links"):
        bulk_pages.insert_tag_links(InitiativeTag, tags)
        bulk_pages.insert_tag_links(InitiativeSeekingTag, seeking)
        bulk_pages.insert_tag_links(InitiativeOfferingTag, offering)
        bulk_pages.insert_rows(through, ["initiativepage", "sector"], through_sectors)
    with bulk_pages.timed(stdout, "search index"):
        bulk_pages.bulk_index(InitiativePage, [page.pk for page in [*pages, *translations]])
    from .services import registry_workflow

    with bulk_pages.timed(stdout, "moderation"):
        bulk_pages.submit_for_moderation(moderated, workflow=registry_workflow())
    # Bulk inserts send no model signal: the cached pages and fragments (the map layer, the
    # list's counts) must still show the new initiatives.
    from portal import page_cache

    page_cache.invalidate()
    stdout.write(
        f"  synthetic initiatives: {missing} created in bulk, {len(translations)} translations, "
        f"{sum(not p.live for p in pages)} drafts ({len(moderated)} in moderation), "
        f"{len(tags) + len(seeking) + len(offering)} tag links"
    )


def _synthetic_translations(pages, index, rng):
    """A Spanish or Portuguese translation for one page in ten."""
    from portal import bulk_pages

    made = []
    for code in ("es", "pt"):
        chosen = [page for page in pages if rng.random() < 0.05]
        parent = bulk_pages.translation_parent(index, code) if chosen else None
        made += bulk_pages.bulk_translate(
            chosen,
            parent,
            fields=lambda page, code=code: {
                "title": TRANSLATED[code].format(number=page.external_id.split("-")[-1])
            },
        )
    return made
