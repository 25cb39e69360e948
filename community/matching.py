"""Collaborator suggestions: for one member, rank other members and initiatives.

Score of a candidate, summed over the tags that connect the two sides:

* a tag both work on (my expertise ∩ their expertise, or ∩ an initiative's tags) counts its
  rarity, ``idf(t) = ln(1 + N / df(t))``, where ``df(t)`` is how many candidates carry it and
  ``N`` how many candidates there are: a tag everyone has says little;
* a tag I seek that they offer, or that they seek and I offer, counts
  ``SEEK_OFFER_BONUS × idf(t)`` (computed on the offering or seeking side);
* a shared sector adds ``SECTOR_BONUS`` and the same country adds ``COUNTRY_BONUS``, but only
  for candidates already connected by a tag (being in the same country is not a reason alone).

Members who do not accept contact requests, inactive accounts, and people either side has
blocked are never suggested. Everything is computed by the database: one ``UNION ALL`` of the
rows of the through tables that carry *my* tags (index-only reads of their
``(tag, content_object)`` indexes, each row weighted with a ``CASE`` on the tag), aggregated
per candidate; the best few hundred candidates are then joined to their profile (or page) to
apply the eligibility filters. The work grows with the number of tag links of my tags, never
with a Python loop over all members, and one call costs a fixed number of queries (seven).
See ``bench/bench_matching.py`` for the figures at 50,000 members.
"""

import math
from dataclasses import dataclass, field

from django.db import connection
from django.utils.translation import gettext as _

from portal.i18n import localized
from portal.models import Tag
from portal.visibility import live_public

from .models import (
    Block,
    MemberExpertiseTag,
    MemberOfferingTag,
    MemberProfile,
    MemberSeekingTag,
)

SEEK_OFFER_BONUS = 1.5
SECTOR_BONUS = 0.5
COUNTRY_BONUS = 0.5
MAX_TAGS_PER_REASON = 4
# The ranking runs in two steps: the best CANDIDATE_POOL candidates by score are read from
# the through-table indexes alone, then joined to profiles (or pages) to drop the ineligible
# ones. If too few survive, the pool grows (rare: most members accept contact).
CANDIDATE_POOL = 200
FLOAT = "DOUBLE PRECISION"  # understood by PostgreSQL and SQLite (REAL affinity)
ZERO = f"CAST(0 AS {FLOAT})"


@dataclass
class Suggestion:
    kind: str  # "member" or "initiative"
    object: object
    score: float
    shared: list = field(default_factory=list)  # both work on
    they_offer: list = field(default_factory=list)  # they offer what I seek
    they_seek: list = field(default_factory=list)  # they seek what I offer
    sectors: list = field(default_factory=list)
    same_country: bool = False

    @property
    def tags(self):
        seen, tags = set(), []
        for tag in self.shared + self.they_offer + self.they_seek:
            if tag.pk not in seen:
                seen.add(tag.pk)
                tags.append(tag)
        return tags

    @property
    def reasons(self):
        """Why this suggestion, in the active language."""

        def names(tags):
            return ", ".join(t.label for t in tags[:MAX_TAGS_PER_REASON])

        reasons = []
        if self.kind == "member":
            if self.shared:
                reasons.append(_("You both work on: %(tags)s") % {"tags": names(self.shared)})
            if self.they_offer:
                reasons.append(
                    _("They offer what you seek: %(tags)s") % {"tags": names(self.they_offer)}
                )
            if self.they_seek:
                reasons.append(
                    _("They seek what you offer: %(tags)s") % {"tags": names(self.they_seek)}
                )
        else:
            if self.shared:
                reasons.append(
                    _("This initiative works on: %(tags)s") % {"tags": names(self.shared)}
                )
            if self.they_offer:
                reasons.append(
                    _("It offers what you seek: %(tags)s") % {"tags": names(self.they_offer)}
                )
            if self.they_seek:
                reasons.append(
                    _("It seeks what you offer: %(tags)s") % {"tags": names(self.they_seek)}
                )
        if self.sectors:
            reasons.append(
                _("Same sector: %(sectors)s")
                % {"sectors": ", ".join(getattr(s, "name", str(s)) for s in self.sectors)}
            )
        if self.same_country:
            country = getattr(self.object, "country", "")
            reasons.append(
                _("Same country: %(country)s") % {"country": getattr(country, "name", country)}
            )
        return reasons


# SQL helpers ------------------------------------------------------------------------------


def _q(name):
    return connection.ops.quote_name(name)


def _through(model):
    """(table, object column, tag column) of a tag through model, quoted. ``model`` is a tag
    through model (``content_object``, ``tag``) or a ``(through model, object field, value
    field)`` triple for a plain many-to-many table (sectors)."""
    if isinstance(model, tuple):
        model, obj_field, value_field = model
    else:
        obj_field, value_field = "content_object", "tag"
    meta = model._meta
    return (
        _q(meta.db_table),
        _q(meta.get_field(obj_field).column),
        _q(meta.get_field(value_field).column),
    )


def _placeholders(values):
    return ", ".join(["%s"] * len(values))


def _fetch(sql, params):
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def _sector_through(model):
    """(through model, object field, sector field) of ``model.sectors``, or None."""
    try:
        field = model._meta.get_field("sectors")
    except Exception:  # noqa: BLE001 - no sectors on this model
        return None
    through = field.remote_field.through
    obj_field = next(f.name for f in through._meta.fields if f.related_model is model)
    value_field = next(
        f.name for f in through._meta.fields if f.related_model is field.related_model
    )
    return (through, obj_field, value_field)


def _my_tags(profile):
    """My expertise, seeking and offering tags and my sector ids, in one query:
    ``{"e"|"s"|"o": {tag_id: Tag}, "c": {sector_id: None}}``."""
    tag_table = _q(Tag._meta.db_table)
    parts, params = [], []
    for kind, model in (
        ("e", MemberExpertiseTag),
        ("s", MemberSeekingTag),
        ("o", MemberOfferingTag),
    ):
        table, obj, tag = _through(model)
        parts.append(
            f"SELECT '{kind}', t.id, t.name, t.slug, t.name_es, t.name_pt FROM {table} x "  # noqa: S608 - quoted identifiers
            f"INNER JOIN {tag_table} t ON t.id = x.{tag} WHERE x.{obj} = %s"
        )
        params.append(profile.pk)
    sectors = _sector_through(MemberProfile)
    if sectors is not None:
        table, obj, value = _through(sectors)
        parts.append(f"SELECT 'c', {value}, '', '', '', '' FROM {table} WHERE {obj} = %s")  # noqa: S608
        params.append(profile.pk)
    mine = {"e": {}, "s": {}, "o": {}, "c": {}}
    for kind, item_id, name, slug, name_es, name_pt in _fetch(" UNION ALL ".join(parts), params):
        # The labels come along so that the dashboard's chips and reasons show the
        # visitor's language (tag.label).
        mine[kind][item_id] = (
            Tag(id=item_id, name=name, slug=slug, name_es=name_es, name_pt=name_pt)
            if kind != "c"
            else None
        )
    return mine


def _sector_names(mine, sector_ids):
    """Sector objects for the shared sector ids (one query, only when there are some)."""
    if not sector_ids:
        return {}
    sector_model = MemberProfile._meta.get_field("sectors").related_model
    found = sector_model.objects.in_bulk(sorted(sector_ids))
    mine["c"].update(found)
    return found


def _document_frequencies(requests, count_model=None):
    """``requests``: list of (key, through model, tag ids). One query: {(key, tag_id): df},
    with the number of rows of ``count_model`` (all candidates) under ``("n", 0)``."""
    parts, params = [], []
    if count_model is not None:
        parts.append(f"SELECT 'n', 0, COUNT(*) FROM {_q(count_model._meta.db_table)}")  # noqa: S608
    for key, model, tag_ids in requests:
        if not tag_ids:
            continue
        table, _obj, tag = _through(model)
        parts.append(
            f"SELECT '{key}', {tag}, COUNT(*) FROM {table} "  # noqa: S608
            f"WHERE {tag} IN ({_placeholders(tag_ids)}) GROUP BY {tag}"
        )
        params.extend(tag_ids)
    if not parts:
        return {}
    return {(key, tag_id): n for key, tag_id, n in _fetch(" UNION ALL ".join(parts), params)}


def _idf(n_total, df):
    return math.log(1 + n_total / df) if df else 0.0


def _weighted_branches(branches, df, n_total, bonuses=()):
    """SQL for ``UNION ALL`` of (object id, tag weight, bonus) rows: one branch per tag
    relation (weighted by rarity) and one per bonus relation (``(model, ids, weight)``, e.g.
    shared sectors)."""
    parts, params = [], []
    for key, model, tag_ids, factor in branches:
        weights = {t: factor * _idf(n_total, df.get((key, t), 0)) for t in tag_ids}
        weights = {t: w for t, w in weights.items() if w > 0}
        if not weights:
            continue
        table, obj, tag = _through(model)
        cases = " ".join([f"WHEN %s THEN CAST(%s AS {FLOAT})"] * len(weights))
        parts.append(
            f"SELECT {obj} AS oid, CASE {tag} {cases} ELSE {ZERO} END AS w, {ZERO} AS b "  # noqa: S608
            f"FROM {table} WHERE {tag} IN ({_placeholders(weights)})"
        )
        for tag_id, weight in weights.items():
            params.extend([tag_id, float(weight)])
        params.extend(weights)
    if not parts:
        return "", []
    for model, ids, weight in bonuses:
        if not ids:
            continue
        table, obj, value = _through(model)
        parts.append(
            f"SELECT {obj} AS oid, {ZERO} AS w, CAST(%s AS {FLOAT}) AS b "  # noqa: S608
            f"FROM {table} WHERE {value} IN ({_placeholders(ids)})"
        )
        params.extend([float(weight), *ids])
    return " UNION ALL ".join(parts), params


def _explanations(branches, object_ids):
    """One query: {object id: {kind: [tag ids]}} for the tags (and sectors) that connected
    each candidate."""
    parts, params = [], []
    for key, model, tag_ids, _factor in branches:
        if not tag_ids:
            continue
        table, obj, tag = _through(model)
        parts.append(
            f"SELECT '{key}', {obj}, {tag} FROM {table} "  # noqa: S608
            f"WHERE {obj} IN ({_placeholders(object_ids)}) AND {tag} IN ({_placeholders(tag_ids)})"
        )
        params.extend(object_ids)
        params.extend(tag_ids)
    found = {}
    if parts:
        for key, oid, tag_id in _fetch(" UNION ALL ".join(parts), params):
            found.setdefault(oid, {}).setdefault(key, []).append(tag_id)
    return found


def _blocked_user_ids(user_id):
    pairs = Block.objects.filter(blocker_id=user_id).values_list("blocked_id", flat=True)
    reverse = Block.objects.filter(blocked_id=user_id).values_list("blocker_id", flat=True)
    return set(pairs.union(reverse))


def _rank(*, branches, bonus, count_model, join_sql, where_sql, where_params, limit):
    """Run the ranking. Returns [(object id, score)], best first. ``count_model``: the
    candidates' model, counted (for the rarity weights) in the query of the tag frequencies.

    Step 1 aggregates the weighted rows of the ``UNION ALL`` (index-only reads of the
    through tables) and keeps the best ``pool`` candidates; step 2 joins those to their
    profile or page and applies the eligibility filters (``where_sql``)."""
    df = _document_frequencies([(k, m, ids) for k, m, ids, _f in branches], count_model=count_model)
    n_total = df.pop(("n", 0), 0)
    union_sql, params = _weighted_branches(branches, df, n_total, bonuses=bonus)
    if not union_sql:
        return []
    pool = max(CANDIDATE_POOL, limit * 10)
    while True:
        sql = (
            "SELECT c.oid, c.score FROM ("  # noqa: S608 - quoted identifiers, values bound
            f"SELECT s.oid AS oid, SUM(s.w) + SUM(s.b) AS score FROM ({union_sql}) s "
            "GROUP BY s.oid HAVING SUM(s.w) > 0 ORDER BY score DESC, s.oid LIMIT %s"
            f") c {join_sql} WHERE {where_sql} ORDER BY c.score DESC, c.oid LIMIT %s"
        )
        rows = _fetch(sql, [*params, pool, *where_params, limit])
        if len(rows) >= limit or pool >= n_total:
            return rows
        pool *= 10


def _build(kind, rows, objects, why, mine, country, limit):
    tags = {**mine["e"], **mine["s"], **mine["o"]}
    sector_ids = {sid for reasons in why.values() for sid in reasons.get("c", [])}
    sectors = _sector_names(mine, sector_ids)

    def pick(ids):
        return sorted((tags[t] for t in ids if t in tags), key=lambda t: t.label.lower())

    suggestions = []
    for oid, score in rows:
        candidate = objects.get(oid)
        if candidate is None:
            continue
        reasons = why.get(oid, {})
        suggestions.append(
            Suggestion(
                kind=kind,
                object=candidate,
                score=float(score),
                shared=pick(reasons.get("e", [])),
                they_offer=pick(reasons.get("o", [])),
                they_seek=pick(reasons.get("s", [])),
                sectors=[sectors[c] for c in sorted(reasons.get("c", [])) if c in sectors],
                same_country=bool(country) and str(getattr(candidate, "country", "")) == country,
            )
        )
        if len(suggestions) >= limit:
            break
    return suggestions


# Members ----------------------------------------------------------------------------------


def member_suggestions(profile, *, limit=6, mine=None):
    """Other members for ``profile``, best first, each with the reasons."""
    mine = mine if mine is not None else _my_tags(profile)
    expertise, seeking, offering = list(mine["e"]), list(mine["s"]), list(mine["o"])
    if not (expertise or seeking or offering):
        return []
    # key, through model on the candidate side, my ids, factor
    branches = [
        ("e", MemberExpertiseTag, expertise, 1.0),
        ("o", MemberOfferingTag, seeking, SEEK_OFFER_BONUS),  # they offer what I seek
        ("s", MemberSeekingTag, offering, SEEK_OFFER_BONUS),  # they seek what I offer
    ]
    sectors = _sector_through(MemberProfile)
    my_sectors = list(mine["c"])
    bonus = [(sectors, my_sectors, SECTOR_BONUS)] if sectors and my_sectors else []
    country = str(profile.country or "")
    if country:
        # Same country: a bonus row from the (indexed) country column of the profiles.
        bonus.append(((MemberProfile, "id", "country"), [country], COUNTRY_BONUS))
    user_model = MemberProfile._meta.get_field("user").related_model
    excluded_users = sorted(_blocked_user_ids(profile.user_id) | {profile.user_id})
    rows = _rank(
        branches=branches,
        bonus=bonus,
        count_model=MemberProfile,
        join_sql=(
            f"INNER JOIN {_q(MemberProfile._meta.db_table)} p ON p.id = c.oid "
            f"INNER JOIN {_q(user_model._meta.db_table)} u ON u.id = p.user_id"
        ),
        where_sql=(
            f"p.allow_contact = %s AND u.is_active = %s "
            f"AND p.user_id NOT IN ({_placeholders(excluded_users)})"
        ),
        where_params=[True, True, *excluded_users],
        limit=limit,
    )
    if not rows:
        return []
    ids = [oid for oid, _score in rows]
    why_branches = branches + ([("c", sectors, my_sectors, 0)] if sectors and my_sectors else [])
    why = _explanations(why_branches, ids)
    profiles = MemberProfile.objects.select_related("user", "photo").in_bulk(ids)
    return _build("member", rows, profiles, why, mine, country, limit)


# Initiatives ------------------------------------------------------------------------------


def _initiative_models():
    """The registry's initiative model (portal/managed_pages.py) and its tag through models
    (the reverse relations of its tag managers)."""
    from .selectors import initiative_model

    page_model = initiative_model()
    throughs = {
        key: page_model._meta.get_field(name).related_model
        for key, name in (
            ("e", "tagged_items"),
            ("s", "seeking_tagged_items"),
            ("o", "offering_tagged_items"),
        )
    }
    return page_model, throughs


def initiative_suggestions(profile, *, limit=4, mine=None, user=None):
    """Live initiatives (in the active locale, else their original) for ``profile``, best
    first, with reasons."""
    from wagtail.models import Page

    from .selectors import user_managed_initiative_ids

    page_model, throughs = _initiative_models()
    mine = mine if mine is not None else _my_tags(profile)
    expertise, seeking, offering = list(mine["e"]), list(mine["s"]), list(mine["o"])
    if not (expertise or seeking or offering):
        return []
    branches = [
        ("e", throughs["e"], expertise, 1.0),
        ("o", throughs["o"], seeking, SEEK_OFFER_BONUS),
        ("s", throughs["s"], offering, SEEK_OFFER_BONUS),
    ]
    sectors = _sector_through(page_model)
    my_sectors = list(mine["c"])
    bonus = [(sectors, my_sectors, SECTOR_BONUS)] if sectors and my_sectors else []
    excluded = sorted(user_managed_initiative_ids(user or profile.user)) or [0]
    has_country = any(f.name == "country" for f in page_model._meta.concrete_fields)
    country = str(profile.country or "") if has_country else ""
    pk_name = page_model._meta.pk.name
    if country:
        bonus.append(((page_model, pk_name, "country"), [country], COUNTRY_BONUS))
    # The visitor's language with the fallback of every other list (portal.i18n.localized),
    # as a subquery of the page ids it keeps.
    visible_sql, visible_params = (
        localized(Page.objects.filter(live=True)).values("id").query.sql_with_params()
    )
    rows = _rank(
        branches=branches,
        bonus=bonus,
        count_model=page_model,
        join_sql=f"INNER JOIN {_q(Page._meta.db_table)} pg ON pg.id = c.oid",
        where_sql=(
            f"pg.live = %s AND c.oid IN ({visible_sql}) "
            f"AND c.oid NOT IN ({_placeholders(excluded)})"
        ),
        where_params=[True, *visible_params, *excluded],
        limit=limit * 2,  # some may be private (view restrictions): keep spares
    )
    if not rows:
        return []
    ids = [oid for oid, _score in rows]
    why_branches = branches + ([("c", sectors, my_sectors, 0)] if sectors and my_sectors else [])
    why = _explanations(why_branches, ids)
    pages = live_public(page_model.objects.all()).in_bulk(ids)
    return _build("initiative", rows, pages, why, mine, country, limit)


def suggestions_for(profile, *, members=6, initiatives=4, user=None):
    """Both lists at once, sharing the query for my tags."""
    mine = _my_tags(profile)
    return {
        "members": member_suggestions(profile, limit=members, mine=mine),
        "initiatives": initiative_suggestions(profile, limit=initiatives, mine=mine, user=user),
    }


# Experts for a question (technical support, portal/experts.py) ------------------------------


def expert_suggestions(tags, *, limit=5, exclude_user_ids=()):
    """Members who work on (expertise) or offer ``tags``, best first: each tag they offer
    counts ``SEEK_OFFER_BONUS``, each tag of their expertise 1. Active members who accept
    contact only. Three queries: the ranked profiles with their users, then the expertise and
    offering rows that explain each one."""
    from django.db.models import Count, F, Q

    from portal.experts import ExpertSuggestion

    tags = list(tags)
    if not tags:
        return []
    tag_ids = [t.pk for t in tags]
    carrying = Q(pk__in=MemberExpertiseTag.objects.filter(tag__in=tag_ids).values("content_object"))
    carrying |= Q(pk__in=MemberOfferingTag.objects.filter(tag__in=tag_ids).values("content_object"))
    profiles = list(
        MemberProfile.objects.contactable()
        .filter(carrying)
        .exclude(user_id__in=list(exclude_user_ids))
        .annotate(
            n_expertise=Count(
                "expertise_items", filter=Q(expertise_items__tag__in=tag_ids), distinct=True
            ),
            n_offering=Count(
                "offering_items", filter=Q(offering_items__tag__in=tag_ids), distinct=True
            ),
        )
        .annotate(score=F("n_expertise") + SEEK_OFFER_BONUS * F("n_offering"))
        .select_related("user")
        .order_by("-score", "display_name", "pk")[:limit]
    )
    if not profiles:
        return []
    ids = [p.pk for p in profiles]
    by_id = {t.pk: t for t in tags}
    why = {}
    for key, through in (("e", MemberExpertiseTag), ("o", MemberOfferingTag)):
        rows = through.objects.filter(content_object_id__in=ids, tag__in=tag_ids).values_list(
            "content_object_id", "tag_id"
        )
        for profile_id, tag_id in rows:
            why.setdefault(profile_id, {}).setdefault(key, []).append(by_id[tag_id])

    def names(found):
        ordered = sorted(found, key=lambda t: t.label.lower())
        return ", ".join(t.label for t in ordered[:MAX_TAGS_PER_REASON])

    suggestions = []
    for profile in profiles:
        reasons = []
        found = why.get(profile.pk, {})
        if found.get("e"):
            reasons.append(_("Works on: %(tags)s") % {"tags": names(found["e"])})
        if found.get("o"):
            reasons.append(_("Offers: %(tags)s") % {"tags": names(found["o"])})
        suggestions.append(ExpertSuggestion(user=profile.user, reasons=reasons))
    return suggestions


def expert_tags_of(user):
    """The tags ``user``'s profile works on or offers (one query)."""
    from django.db.models import Q

    mine = Q(
        pk__in=MemberExpertiseTag.objects.filter(content_object__user_id=user.pk).values("tag")
    ) | Q(pk__in=MemberOfferingTag.objects.filter(content_object__user_id=user.pk).values("tag"))
    return list(Tag.objects.filter(mine).order_by("name"))
