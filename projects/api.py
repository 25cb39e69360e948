"""Joint projects in the read API (/api/projects, /api/projects.csv), answered exactly like
the open-data URLs under /projects/open-data/. A ninja ``Router``: the root API configuration
(``portal/api_urls.py``) adds it to the one open-data API, so /api/openapi.json documents
initiatives and projects together."""

from ninja import Router, Schema

from . import views
from .selectors import OPEN_DATA_FIELDS

router = Router(tags=["projects"])


class Licence(Schema):
    name: str
    url: str


class Project(Schema):
    id: int
    title: str
    url: str
    status: str
    summary: str
    lead_initiative: str
    partners: list[str]
    countries: list[str]
    regions: str
    start_date: str | None
    end_date: str | None
    budget: float | None
    budget_currency: str
    funders: str
    tags: list[str]
    call_deadline: str | None


assert tuple(Project.model_fields) == OPEN_DATA_FIELDS, "the API and the open data must agree"


class ProjectList(Schema):
    licence: Licence
    count: int
    projects: list[Project]


@router.get("/projects", response=ProjectList, summary="Joint projects as JSON")
def projects_json(request):
    return views.data_json(request)


@router.get(
    "/projects.csv",
    summary="Joint projects as CSV (lists separated by ';')",
    openapi_extra={"responses": {200: {"description": "text/csv"}}},
)
def projects_csv(request):
    return views.data_csv(request)
