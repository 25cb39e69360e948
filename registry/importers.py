"""CSV import and export of initiatives (the data contract in docs/architecture.md).

``parse_csv(data)`` validates every row and returns a report of what would change; nothing is
written until ``apply(report)``. A bad row is reported with its line number, column and reason
and nothing from it is saved; good rows still import. Imported initiatives are published
without managers, with source "import".

Cells are read as people write them: a country by ISO code or by name in any site language
(``portal.vocabularies.country_from_text``), a sector by ISIC code with or without its section
letter or by name (``isic.SectorLookup``), and a tag name that means an existing tag (other
case or accents, or its slug) becomes that tag (``_tag_for_name``).
"""

import csv
import io
import re
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from django_countries import countries

from portal.csv_safety import SafeDictWriter, unescape_cell
from portal.models import Tag
from portal.tag_parsing import string_from_tags, tags_from_string
from portal.tag_validation import clean_tag_names
from portal.tagging import tag_for_label
from portal.validators import validate_http_url
from portal.vocabularies import country_from_text, country_suggestion, fold

from . import identifiers, isic, schema
from .models import (
    InitiativePage,
    Sector,
    Source,
)

COLUMNS = schema.import_columns()  # what an import reads
EXPORT_COLUMNS = schema.csv_columns()  # what an export writes (plus exported-only columns)
REQUIRED_COLUMNS = [spec.name for spec in schema.csv_fields() if spec.required]
# Written as numbers: left alone by the CSV formula guard (a longitude can be negative).
NUMERIC_COLUMNS = schema.numeric_columns()
LIST_SEPARATOR = ";"
SIX_PLACES = Decimal("0.000001")
MAX_ROWS = 50_000
TAG_JOINERS = re.compile(r"[\s_-]+")


@dataclass
class RowError:
    line: int
    column: str
    message: str

    def __str__(self):
        if self.column:
            return _("line %(line)s, column %(column)s: %(message)s") % {
                "line": self.line,
                "column": self.column,
                "message": self.message,
            }
        return _("line %(line)s: %(message)s") % {"line": self.line, "message": self.message}


@dataclass
class RowPlan:
    line: int
    action: str  # "create" or "update"
    values: dict
    page_id: int | None = None

    @property
    def name(self):
        return self.values["title"]


@dataclass
class ImportReport:
    plans: list = field(default_factory=list)
    errors: list = field(default_factory=list)
    file_errors: list = field(default_factory=list)
    created: int = 0
    updated: int = 0

    @property
    def creates(self):
        return [plan for plan in self.plans if plan.action == "create"]

    @property
    def updates(self):
        return [plan for plan in self.plans if plan.action == "update"]

    @property
    def error_lines(self):
        return sorted({error.line for error in self.errors})


def decode(data):
    """``data``: bytes or str. Returns text or raises ValidationError."""
    if isinstance(data, str):
        return data.lstrip("\ufeff")
    if b"\x00" in data[:4096]:
        raise ValidationError(_("This file is not a CSV text file."))
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ValidationError(
            _("The file is not UTF-8 text (byte %(position)s).") % {"position": error.start}
        ) from error


def sniff_delimiter(text):
    header = text.split("\n", 1)[0]
    return ";" if header.count(";") > header.count(",") else ","


def _choice(value, choices, column, errors, line, default=""):
    """``choices``: the model field's ``(value, label)`` pairs; a value or a label is accepted."""
    if not value:
        return default
    lowered = value.strip().lower()
    for choice_value, label in choices:
        if lowered in (choice_value, str(label).lower()):
            return choice_value
    errors.append(
        RowError(
            line,
            column,
            _("Unknown value “%(value)s”; use one of: %(choices)s.")
            % {"value": value, "choices": ", ".join(choice for choice, _label in choices)},
        )
    )
    return default


def _country(value, errors, line):
    if not value:
        errors.append(RowError(line, "country", _("The country is required.")))
        return ""
    code = country_from_text(value)
    if code:
        return code
    message = _(
        "Unknown country “%(value)s”: give its ISO code (such as PE or PER) or its name in "
        "English, Spanish or Portuguese."
    ) % {"value": value}
    suggestion = country_suggestion(value)
    if suggestion:
        message += " " + _("Did you mean %(name)s (%(code)s)?") % {
            "name": countries.name(suggestion),
            "code": suggestion,
        }
    errors.append(RowError(line, "country", message))
    return ""


def _decimal(value, column, errors, line, limit):
    if not value:
        return None
    text = value.strip()
    if "," in text and "." not in text:
        text = text.replace(",", ".")
    try:
        number = Decimal(text)
    except InvalidOperation:
        errors.append(RowError(line, column, _("“%(value)s” is not a number.") % {"value": value}))
        return None
    if not number.is_finite() or not -limit <= number <= limit:
        errors.append(
            RowError(
                line,
                column,
                _("%(value)s is out of range (from -%(limit)s to %(limit)s).")
                % {"value": value, "limit": limit},
            )
        )
        return None
    return number.quantize(SIX_PLACES, rounding=ROUND_HALF_UP)


def _integer(value, column, errors, line, minimum=0, maximum=10_000_000):
    if not value:
        return None
    try:
        number = int(value.strip())
    except ValueError:
        errors.append(
            RowError(line, column, _("“%(value)s” is not a whole number.") % {"value": value})
        )
        return None
    if not minimum <= number <= maximum:
        errors.append(
            RowError(
                line,
                column,
                _("%(value)s must be between %(min)s and %(max)s.")
                % {"value": number, "min": minimum, "max": maximum},
            )
        )
        return None
    return number


def _sectors(value, lookup, errors, line):
    """The codes of the sectors in a ``;``-separated cell, each written as
    ``isic.SectorLookup.code`` accepts, without repeats."""
    pieces = value.split(LIST_SEPARATOR) if value else []
    codes, start = [], 0
    while start < len(pieces):
        if not pieces[start].strip():
            start += 1
            continue
        # Some sector names contain the separator ("Water supply; sewerage, ..."): the longest
        # run of pieces that is a name wins, else the piece is read alone.
        for end in range(len(pieces), start + 1, -1):
            code = lookup.by_name(LIST_SEPARATOR.join(pieces[start:end]))
            if code:
                break
        else:
            end = start + 1
            try:
                code = lookup.code(pieces[start].strip())
            except ValidationError as error:
                errors.extend(RowError(line, "sectors", message) for message in error.messages)
                code = None
        if code and code not in codes:
            codes.append(code)
        start = end
    return codes


def _tag_key(text):
    """How a tag name is compared: :func:`fold` with spaces, hyphens and underscores alike, so
    that "Agro Industry" meets "agro-industry" while "C++" and "C" stay apart."""
    return TAG_JOINERS.sub("-", fold(text))


def _known_tags():
    """Every tag on record by its :func:`_tag_key` (one query per import): by name, then by
    slug where the slug was set by hand (a slug made from the name adds nothing to the name, and
    is lossy: "C++" has the slug "c", which must not capture a tag "c")."""
    tags = list(Tag.objects.only("name", "slug").order_by("pk"))
    known = {}
    for tag in tags:
        known.setdefault(_tag_key(tag.name), tag)
    for tag in tags:
        if tag.slug != slugify(tag.name, allow_unicode=True):
            known.setdefault(_tag_key(tag.slug), tag)
    return known


def _tag_for_name(name, known):
    """The existing tag ``name`` means, or None (a new tag is then made with the name): the tag
    of that name, or of that hand-set slug, whatever the case and accents ("Café" finds "cafe";
    "Agro Industry" finds "agro-industry"). ``known``: :func:`_known_tags`."""
    tag = known.get(_tag_key(name))
    if tag is None:
        # Then a label in any language ("café" finds coffee: portal/tag_labels.py); only for
        # names not met before in this file, so one query per new name at most. A match by
        # slug alone does not count: slugs lose punctuation ("c" is not "C++").
        tag = tag_for_label(name)
        labels = (tag.name, tag.name_es, tag.name_pt) if tag is not None else ()
        if tag is not None and fold(name) not in {fold(label) for label in labels if label}:
            tag = None
    return tag


def _tag_names(names, known):
    """``names`` with each one that means an existing tag replaced by that tag's name, without
    the repeats this makes ("café; Cafe" and an existing "café": one tag). A new name is added
    to ``known`` (as an unsaved ``Tag``), so that the same word on a later row, in another case
    or with other accents, becomes the same new tag."""
    resolved = []
    for name in names:
        tag = _tag_for_name(name, known)
        if tag is None:
            tag = known[_tag_key(name)] = Tag(name=name)
        if tag.name not in resolved:
            resolved.append(tag.name)
    return resolved


def _max_length(value, column, limit, errors, line):
    if len(value) > limit:
        errors.append(
            RowError(
                line,
                column,
                _("Too long: at most %(limit)s characters.") % {"limit": limit},
            )
        )
        return value[:limit]
    return value


def _cell(spec, value, errors, line):
    """The value of one CSV cell for the page attribute of ``spec`` (errors appended)."""
    column = spec.name
    if spec.model_attribute in identifiers.NORMALIZERS:
        try:
            return identifiers.NORMALIZERS[spec.model_attribute](value)
        except ValidationError as error:
            errors.extend(RowError(line, column, message) for message in error.messages)
            return ""
    if spec.kind == "choice":
        field = InitiativePage._meta.get_field(spec.model_attribute)
        return _choice(value, field.choices, column, errors, line, field.get_default())
    if spec.kind == "country":
        return _country(value, errors, line)
    if spec.kind == "decimal":
        return _decimal(value, column, errors, line, spec.maximum)
    if spec.kind == "int":
        maximum = timezone.now().year if spec.maximum is None else spec.maximum
        return _integer(value, column, errors, line, spec.minimum, maximum)
    if spec.kind in ("url", "email"):
        return value
    limit = InitiativePage._meta.get_field(spec.model_attribute).max_length
    value = _max_length(value, column, limit, errors, line)
    if spec.required and not value:
        errors.append(RowError(line, column, _("The %(column)s is required.") % {"column": column}))
    return value


def validate_row(raw, line, sectors):
    """``(values, errors)`` for one CSV row (a dict of column -> text), values keyed by page
    attribute, each cell read as its kind in ``registry.schema`` says. ``sectors``: the
    ``isic.SectorLookup`` of the sectors on record (consulted only if the row names some).
    Tags are the names as written; ``parse_csv`` matches them with existing tags."""
    errors = []
    # unescape_cell: our own exports quote text that looks like a formula (see write_csv).
    get = lambda column: unescape_cell((raw.get(column) or "").strip())  # noqa: E731
    values = {
        spec.model_attribute: _cell(spec, get(spec.name), errors, line)
        for spec in schema.import_fields()
        if spec.kind not in schema.LIST_KINDS
    }
    if (values["latitude"] is None) != (values["longitude"] is None) and not any(
        error.column in ("latitude", "longitude") for error in errors
    ):
        errors.append(
            RowError(
                line,
                "latitude" if values["latitude"] is None else "longitude",
                _("Give both latitude and longitude, or neither."),
            )
        )
    if values["website"]:
        try:
            validate_http_url(values["website"])
        except ValidationError:  # also any scheme but http(s), such as javascript:
            errors.append(RowError(line, "website", _("Enter a valid URL.")))
    if values["contact_email"]:
        try:
            EmailValidator()(values["contact_email"])
        except ValidationError:
            errors.append(RowError(line, "contact_email", _("Enter a valid email address.")))
    values["sectors"] = _sectors(get("sectors"), sectors, errors, line)
    try:
        # The site's one tag parser: ";" (the column's list separator) or "," separate tags.
        values["tags"] = clean_tag_names(tags_from_string(get("tags")))
    except ValidationError as error:
        errors.extend(RowError(line, "tags", message) for message in error.messages)
        values["tags"] = []
    return values, errors


def parse_csv(data, *, progress=None):
    """Validate a whole file. ``data``: bytes or text. ``progress``: optional wrapper for the row
    iterator (tqdm)."""
    report = ImportReport()
    try:
        text = decode(data)
    except ValidationError as error:
        report.file_errors.extend(error.messages)
        return report
    if not text.strip():
        report.file_errors.append(_("The file is empty."))
        return report
    delimiter = sniff_delimiter(text)
    reader = csv.DictReader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = [(column or "").strip().lower() for column in (reader.fieldnames or [])]
    except csv.Error as error:
        report.file_errors.append(_("The file is not valid CSV: %(error)s") % {"error": error})
        return report
    reader.fieldnames = header
    missing = [column for column in REQUIRED_COLUMNS if column not in header]
    if missing:
        report.file_errors.append(
            _("Missing column(s): %(columns)s. Expected columns: %(expected)s.")
            % {"columns": ", ".join(missing), "expected": ", ".join(COLUMNS)}
        )
        return report
    unknown = [column for column in header if column and column not in EXPORT_COLUMNS]
    if unknown:
        report.file_errors.append(
            _("Unknown column(s) ignored: %(columns)s.") % {"columns": ", ".join(unknown)}
        )
    sectors = isic.SectorLookup(
        Sector.objects.values_list("code", "parent__code", "name_en", "name_es", "name_pt")
    )
    known_tags = _known_tags()
    by_external_id = dict(
        InitiativePage.objects.exclude(external_id="").values_list("external_id", "pk")
    )
    by_name = {
        (title.lower(), country): pk
        for title, country, pk in InitiativePage.objects.values_list("title", "country", "pk")
    }
    seen = {}
    rows = iter(reader)
    if progress:
        rows = progress(rows)
    try:
        for count, raw in enumerate(rows, start=1):
            line = reader.line_num
            if count > MAX_ROWS:
                report.file_errors.append(
                    _("Only the first %(max)s rows were read.") % {"max": MAX_ROWS}
                )
                break
            if None in raw:
                report.errors.append(
                    RowError(line, "", _("This row has more values than the header has columns."))
                )
                continue
            if not any((value or "").strip() for value in raw.values()):
                continue
            values, errors = validate_row(raw, line, sectors)
            if errors:
                report.errors.extend(errors)
                continue
            values["tags"] = _tag_names(values["tags"], known_tags)
            key = values["external_id"] or (values["title"].lower(), values["country"])
            page_id = (
                by_external_id.get(values["external_id"])
                if values["external_id"]
                else by_name.get((values["title"].lower(), values["country"]))
            )
            if key in seen:
                report.errors.append(
                    RowError(
                        line,
                        "external_id" if values["external_id"] else "name",
                        _("The same initiative already appears on line %(line)s.")
                        % {"line": seen[key]},
                    )
                )
                continue
            seen[key] = line
            report.plans.append(
                RowPlan(
                    line=line,
                    action="update" if page_id else "create",
                    values=values,
                    page_id=page_id,
                )
            )
    except csv.Error as error:
        report.errors.append(
            RowError(reader.line_num, "", _("Unreadable CSV: %(error)s") % {"error": error})
        )
    return report


def _assign(page, values, sectors_by_code):
    for name in schema.assigned_attributes():
        setattr(page, name, values[name])
    page.draft_title = values["title"]
    page.sectors.set([sectors_by_code[code] for code in values["sectors"]])
    page.tags.set(values["tags"])


def apply(report, *, index_page, user=None, progress=None):
    """Write the planned rows; a row that the model still refuses is reported and skipped.
    Returns the report with ``created``/``updated`` filled in."""
    from .services import slug_for

    sectors_by_code = {sector.code: sector for sector in Sector.objects.all()}
    plans = report.plans
    if progress:
        plans = progress(plans)
    for plan in plans:
        try:
            with transaction.atomic():
                if plan.action == "update":
                    page = InitiativePage.objects.get(pk=plan.page_id)
                    page = page.get_latest_revision_as_object() if page.live else page
                    _assign(page, plan.values, sectors_by_code)
                    page.validate_record()
                    page.save_revision(user=user, log_action=True).publish(user=user)
                    report.updated += 1
                else:
                    page = InitiativePage(
                        locale=index_page.locale, source=Source.IMPORT, live=True, owner=user
                    )
                    _assign(page, plan.values, sectors_by_code)
                    page.slug = slug_for(plan.values["title"], parent=index_page)
                    page._cached_parent_obj = index_page
                    page.validate_record()
                    index_page.add_child(instance=page)
                    page.save_revision(user=user, log_action=True).publish(user=user)
                    report.created += 1
        except ValidationError as error:
            for column, messages in error.message_dict.items():
                for message in messages:
                    report.errors.append(
                        RowError(plan.line, "" if column == "__all__" else column, message)
                    )
    return report


# -- Export --------------------------------------------------------------------------------


def export_rows(queryset, *, private):
    """Rows (dicts keyed by EXPORT_COLUMNS) for ``queryset``; ``contact_email`` only if ``private``."""
    from .selectors import open_data_rows

    rows = []
    for row in open_data_rows(queryset, private=private):
        rows.append(
            {
                **{column: row.get(column, "") for column in EXPORT_COLUMNS},
                "sectors": LIST_SEPARATOR.join(row["sectors"]),
                "tags": string_from_tags(row["tags"], separator=LIST_SEPARATOR),
                "latitude": "" if row["latitude"] is None else f"{row['latitude']:.6f}",
                "longitude": "" if row["longitude"] is None else f"{row['longitude']:.6f}",
                "year_founded": row["year_founded"] or "",
                "member_firms": "" if row["member_firms"] is None else row["member_firms"],
                "quality_label_year": row["quality_label_year"] or "",
            }
        )
    return rows


def write_csv(rows, out):
    """Every CSV of initiatives (open data, staff export, command). Text cells that a
    spreadsheet would run as a formula get a leading ``'`` (``portal.csv_safety``), which
    ``validate_row`` removes again; the number columns are written as they are."""
    writer = SafeDictWriter(
        out, fieldnames=EXPORT_COLUMNS, extrasaction="ignore", numeric_columns=NUMERIC_COLUMNS
    )
    writer.writeheader()
    writer.writerows(rows)
