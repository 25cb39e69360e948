"""Demo joint projects (``manage.py load_demo_data --only projects``): five projects across
Colombia, Mexico, Ecuador, Brazil, Chile, Argentina and Peru, led by demo initiatives; two seek
partners with an open call (one of them led by an initiative of the demo manager, with interest
waiting for an answer; the other seeks the software the manager's initiative offers, so it is
suggested on their dashboard); one waits for the demo manager to confirm a partnership.

Idempotent: projects are found by slug under the index; nothing that exists is changed."""

import datetime
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.utils import timezone

from portal.managed_pages import managed_page_model

from .models import PartnerInterest, ProjectPage, ProjectPartner
from .services import index_page_ensure

# slug, title, lead, status, countries, regions, tags, summary, goals, partners
# (initiative title, role, confirmed), call (text, sought tags, countries, kind) or None,
# budget (amount, currency, funders) or None
PROJECTS = [
    {
        "slug": "pacific-software-export-bridge",
        "title": "Pacific Alliance Software Export Bridge",
        "lead": "Medellín Software and IT Cluster",
        "status": "seeking",
        "countries": ["CO", "MX", "PE", "CL"],
        "regions": "Antioquia, Jalisco, Lima",
        "tags": ["software", "export promotion"],
        "summary": (
            "Software firms of four clusters prepare joint offers for buyers in the Pacific "
            "Alliance countries, with shared market intelligence and trade missions."
        ),
        "goals": (
            "Sign at least ten export contracts in two years.\n"
            "Share one market-intelligence service among the partner clusters."
        ),
        "partners": [("Guadalajara Electronics and Software Cluster", "Mexican buyers", True)],
        "call": (
            "We look for a cluster in Peru or Chile with software or IT-service firms ready to "
            "export, and a partner with experience in export promotion.",
            ["export promotion", "software"],
            ["PE", "CL"],
            "cluster",
        ),
        "budget": (Decimal("250000"), "USD", "Pacific Alliance export fund (demo)"),
        "interest": "member",
    },
    {
        "slug": "andean-fine-cocoa-traceability",
        "title": "Andean Fine Cocoa Traceability",
        "lead": "Caldas Cocoa Value Chain Program",
        "status": "running",
        "countries": ["CO", "EC", "BR"],
        "regions": "Caldas, Manabí, Bahia",
        "tags": ["cocoa", "agro-industry", "digital transformation"],
        "summary": (
            "A shared traceability record for fine-aroma cocoa, from farm to chocolate maker, "
            "tested by three cocoa networks."
        ),
        "goals": "Trace 3,000 tonnes of cocoa from 900 farms by the end of the pilot.",
        "partners": [
            ("Bahia Cocoa Innovation Network", "Brazilian pilot", True),
            ("Ecuador Fine Aroma Cocoa Network", "Ecuadorian pilot", False),
        ],
        "call": None,
        "budget": (Decimal("180000"), "USD", "Regional cocoa fund (demo)"),
    },
    {
        "slug": "circular-textiles-latin-america",
        "title": "Circular Textiles Latin America",
        "lead": "Antioquia Textile, Apparel and Fashion Cluster",
        "status": "idea",
        "countries": ["CO", "UY"],
        "regions": "Antioquia",
        "tags": ["textiles", "circular economy"],
        "summary": (
            "An idea: collect and recycle textile waste of garment makers with a shared "
            "logistics service."
        ),
        "goals": "Find two partner clusters and a funder for a one-year pilot.",
        "partners": [],
        "call": None,
        "budget": None,
    },
    {
        "slug": "southern-wine-tourism-routes",
        "title": "Southern Wine Tourism Routes",
        "lead": "Mendoza Wine Cluster",
        "status": "completed",
        "countries": ["AR", "BR"],
        "regions": "Mendoza, Rio Grande do Sul",
        "tags": ["tourism", "agro-industry"],
        "summary": (
            "Wineries of Mendoza and Serra Gaúcha designed joint wine routes and a shared "
            "booking service for visitors."
        ),
        "goals": "Two cross-border routes and 40 wineries in the booking service.",
        "partners": [("Serra Gaúcha Wine Cluster", "Brazilian routes", True)],
        "call": None,
        "budget": (Decimal("95000"), "USD", "Binational tourism programme (demo)"),
        "dates": (datetime.date(2023, 3, 1), datetime.date(2025, 2, 28)),
    },
    {
        "slug": "digital-twins-mining-suppliers",
        "title": "Digital Twins for Mining Suppliers",
        "lead": "Santiago Mining Suppliers Cluster",
        "status": "seeking",
        "countries": ["CL"],
        "regions": "Antofagasta, Santiago",
        "tags": ["innovation", "energy"],
        "summary": (
            "Mining suppliers and solar firms build digital twins of plants to cut energy use; "
            "the project seeks software partners."
        ),
        "goals": "Five digital twins in operation at mining suppliers within 18 months.",
        "partners": [("Antofagasta Solar Energy Cluster", "Energy data", True)],
        "call": (
            "We seek a software cluster with experience in digital transformation of industry, "
            "in Chile or Colombia.",
            ["software", "digital transformation"],
            ["CL", "CO"],
            "cluster",
        ),
        "budget": (Decimal("450000"), "USD", "Mining innovation fund (demo)"),
    },
]


def load(*, rng, stdout, scale, debug):
    index = index_page_ensure()
    if index is None:
        stdout.write("  no home page: the projects were not created.")
        return
    model = managed_page_model("initiatives")
    initiatives = {page.title: page for page in model.objects.live()}
    User = get_user_model()
    users = {u.username: u for u in User.objects.filter(username__in=["admin", "member"])}
    today = timezone.localdate()
    created = 0
    for row in PROJECTS:
        if ProjectPage.objects.child_of(index).filter(slug=row["slug"]).exists():
            continue
        lead = initiatives.get(row["lead"])
        if lead is None:
            continue
        start, end = row.get("dates") or (today - datetime.timedelta(days=120), None)
        page = ProjectPage(
            title=row["title"],
            slug=row["slug"],
            summary=row["summary"],
            goals=row["goals"],
            lead_initiative=lead,
            status=row["status"],
            countries=row["countries"],
            regions=row["regions"],
            start_date=start,
            end_date=end,
            owner=users.get("admin"),
        )
        if row["budget"]:
            page.budget, page.budget_currency, page.funders = row["budget"]
        if row["call"]:
            text, sought, call_countries, kind = row["call"]
            page.call_text = text
            page.call_deadline = today + datetime.timedelta(days=60)
            page.call_countries = call_countries
            page.call_partner_kind = kind
            page.sought_tags.set(sought)
        page.tags.set(row["tags"])
        index.add_child(instance=page)
        page.save_revision().publish()
        for order, (title, role, confirmed) in enumerate(row["partners"]):
            partner = initiatives.get(title)
            if partner is not None:
                ProjectPartner.objects.create(
                    project=page,
                    initiative=partner,
                    role=role,
                    sort_order=order,
                    confirmed_at=timezone.now() if confirmed else None,
                )
        member = users.get(row.get("interest", ""))
        if member is not None:
            PartnerInterest.objects.get_or_create(
                project=page,
                user=member,
                defaults={
                    "message": (
                        "I advise software firms on export contracts in Peru and would like to "
                        "help with the trade missions."
                    )
                },
            )
        created += 1
    stdout.write(f"  projects: {created} created ({len(PROJECTS)} demo records)")
