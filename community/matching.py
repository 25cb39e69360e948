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
blocked are never suggested. Everything is computed by the database with aggregate queries
over the ``(tag, content_object)`` indexes of the through tables: the work grows with the
number of tag links of *my* tags, never with a Python loop over all members. One call costs a
fixed number of queries (about eight) whatever the size of the site.
"""

import math
from dataclasses import dataclass, field

from django.apps import apps
from django.db import connection
from django.utils.translation import gettext as _

from portal.models import Tag

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
            return ", ".join(t.name for t in tags[:MAX_TAGS_PER_REASON])

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
                _("Same sector: %(sectors)s") % {"sectors": ", ".join(map(str, self.sectors))}
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
    """(table, object column, tag column) of a tag through model, quoted."""
    meta = model._meta
    return (
        _q(meta.db_table),
        _q(meta.get_field("content_object").column),
        _q(meta.get_field("tag").column),
    )


def _placeholders(values):
    return ", ".join(["%s"] * len(values))


def _fetch(sql, params):
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def _my_tags(profile):
    """My expertise, seeking and offering tags, in one query: {kind: {tag_id: Tag}}."""
    tag_table = _q(Tag._meta.db_table)
    parts, params = [], []
    for kind, model in (
        ("e", MemberExpertiseTag),
        ("s", MemberSeekingTag),
        ("o", MemberOfferingTag),
    ):
        table, obj, tag = _through(model)
        parts.append(
            f"SELECT '{kind}', t.id, t.name, t.slug FROM {table} x "  # noqa: S608 - names are quoted identifiers
            f"INNER JOIN {tag_table} t ON t.id = x.{tag} WHERE x.{obj} = %s"
        )
        params.append(profile.pk)
    mine = {"e": {}, "s": {}, "o": {}}
    for kind, tag_id, name, slug in _fetch(" UNION ALL ".join(parts), params):
        mine[kind][tag_id] = Tag(id=tag_id, name=name, slug=slug)
    return mine


def _document_frequencies(requests):
    """``requests``: list of (key, through model, tag ids). One query: {(key, tag_id): df}."""
    parts, params = [], []
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


def _weighted_branches(branches, df, n_total):
    """SQL for ``UNION ALL`` of (object id, weight) rows, one branch per relation."""
    parts, params = [], []
    for key, model, tag_ids, factor in branches:
        weights = {t: factor * _idf(n_total, df.get((key, t), 0)) for t in tag_ids}
        weights = {t: w for t, w in weights.items() if w > 0}
        if not weights:
            continue
        table, obj, tag = _through(model)
        cases = " ".join(["WHEN %s THEN %s"] * len(weights))
        parts.append(
            f"SELECT {obj} AS oid, CASE {tag} {cases} ELSE 0 END AS w FROM {table} "  # noqa: S608
            f"WHERE {tag} IN ({_placeholders(weights)})"
        )
        for tag_id, weight in weights.items():
            params.extend([tag_id, weight])
        params.extend(weights)
    return " UNION ALL ".join(parts), params


def _explanations(branches, object_ids):
    """One query: {object id: {kind: [tag ids]}} for the tags that connected each candidate."""
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


# Members ----------------------------------------------------------------------------------


def member_suggestions(profile, *, limit=6, mine=None):
    """Other members for ``profile``, best first, each with the reasons."""
    mine = mine if mine is not None else _my_tags(profile)
    expertise, seeking, offering = list(mine["e"]), list(mine["s"]), list(mine["o"])
    if not (expertise or seeking or offering):
        return []
    # key, through model on the candidate side, my tag ids, factor
    branches = [
        ("e", MemberExpertiseTag, expertise, 1.0),
        ("o", MemberOfferingTag, seeking, SEEK_OFFER_BONUS),  # they offer what I seek
        ("s", MemberSeekingTag, offering, SEEK_OFFER_BONUS),  # they seek what I offer
    ]
    df = _document_frequencies([(k, m, ids) for k, m, ids, _f in branches])
    n_total = MemberProfile.objects.count()
    union_sql, params = _weighted_branches(branches, df, n_total)
    if not union_sql:
        return []
    profile_table = _q(MemberProfile._meta.db_table)
    user_model = MemberProfile._meta.get_field("user").related_model
    user_table = _q(user_model._meta.db_table)
    excluded_users = sorted(_blocked_user_ids(profile.user_id) | {profile.user_id})
    country = str(profile.country or "")
    sql = (
        f"SELECT s.oid, SUM(s.w) + CASE WHEN p.country = %s AND p.country <> '' "  # noqa: S608
        f"THEN %s ELSE 0 END AS score "
        f"FROM ({union_sql}) s "
        f"INNER JOIN {profile_table} p ON p.id = s.oid "
        f"INNER JOIN {user_table} u ON u.id = p.user_id "
        f"WHERE p.allow_contact = %s AND u.is_active = %s "
        f"AND p.user_id NOT IN ({_placeholders(excluded_users)}) "
        f"GROUP BY s.oid, p.country ORDER BY score DESC, s.oid LIMIT %s"
    )
    rows = _fetch(sql, [country, COUNTRY_BONUS, *params, True, True, *excluded_users, limit])
    if not rows:
        return []
    ids = [oid for oid, _score in rows]
    why = _explanations(branches, ids)
    profiles = MemberProfile.objects.select_related("user", "photo").in_bulk(ids)
    tags = {**mine["e"], **mine["s"], **mine["o"]}
    suggestions = []
    for oid, score in rows:
        candidate = profiles.get(oid)
        if candidate is None:
            continue
        reasons = why.get(oid, {})
        suggestions.append(
            Suggestion(
                kind="member",
                object=candidate,
                score=float(score),
                shared=sorted((tags[t] for t in reasons.get("e", [])), key=lambda t: t.name),
                they_offer=sorted((tags[t] for t in reasons.get("o", [])), key=lambda t: t.name),
                they_seek=sorted((tags[t] for t in reasons.get("s", [])), key=lambda t: t.name),
                same_country=bool(country) and str(candidate.country) == country,
            )
        )
    return suggestions


# Initiatives ------------------------------------------------------------------------------


def _initiative_models():
    """The registry's initiative model and its tag through models, when they exist."""
    try:
        page_model = apps.get_model("registry", "InitiativePage")
        throughs = {
            "e": apps.get_model("registry", "InitiativeTag"),
            "s": apps.get_model("registry", "InitiativeSeekingTag"),
            "o": apps.get_model("registry", "InitiativeOfferingTag"),
        }
    except LookupError:
        return None, {}
    return page_model, throughs


def initiative_suggestions(profile, *, limit=4, mine=None, user=None):
    """Live initiatives (in the active locale) for ``profile``, best first, with reasons."""
    from wagtail.models import Locale, Page

    page_model, throughs = _initiative_models()
    if page_model is None:
        return []
    mine = mine if mine is not None else _my_tags(profile)
    expertise, seeking, offering = list(mine["e"]), list(mine["s"]), list(mine["o"])
    branches = [
        ("e", throughs["e"], expertise, 1.0),
        ("o", throughs["o"], seeking, SEEK_OFFER_BONUS),
        ("s", throughs["s"], offering, SEEK_OFFER_BONUS),
    ]
    if not (expertise or seeking or offering):
        return []
    df = _document_frequencies([(k, m, ids) for k, m, ids, _f in branches])
    n_total = page_model.objects.count()
    union_sql, params = _weighted_branches(branches, df, n_total)
    if not union_sql:
        return []
    from .selectors import user_managed_initiative_ids

    excluded = sorted(user_managed_initiative_ids(user or profile.user)) or [0]
    initiative_table = _q(page_model._meta.db_table)
    pk_column = _q(page_model._meta.pk.column)
    page_table = _q(Page._meta.db_table)
    has_country = any(f.name == "country" for f in page_model._meta.concrete_fields)
    country = str(profile.country or "")
    country_sql = (
        "CASE WHEN i.country = %s AND i.country <> '' THEN %s ELSE 0 END"
        if (has_country and country)
        else "0"
    )
    country_params = [country, COUNTRY_BONUS] if has_country and country else []
    try:
        locale_id = Locale.get_active().pk
    except Locale.DoesNotExist:
        locale_id = None
    locale_sql = "AND pg.locale_id = %s " if locale_id else ""
    sql = (
        f"SELECT s.oid, SUM(s.w) + {country_sql} AS score "  # noqa: S608
        f"FROM ({union_sql}) s "
        f"INNER JOIN {initiative_table} i ON i.{pk_column} = s.oid "
        f"INNER JOIN {page_table} pg ON pg.id = s.oid "
        f"WHERE pg.live = %s {locale_sql}"
        f"AND s.oid NOT IN ({_placeholders(excluded)}) "
        f"GROUP BY s.oid{', i.country' if has_country else ''} "
        f"ORDER BY score DESC, s.oid LIMIT %s"
    )
    rows = _fetch(
        sql,
        [
            *country_params,
            *params,
            True,
            *([locale_id] if locale_id else []),
            *excluded,
            limit * 2,
        ],
    )
    if not rows:
        return []
    ids = [oid for oid, _score in rows]
    pages = page_model.objects.live().public().in_bulk(ids)
    why = _explanations(branches, ids)
    tags = {**mine["e"], **mine["s"], **mine["o"]}
    suggestions = []
    for oid, score in rows:
        page = pages.get(oid)
        if page is None:
            continue
        reasons = why.get(oid, {})
        suggestions.append(
            Suggestion(
                kind="initiative",
                object=page,
                score=float(score),
                shared=sorted((tags[t] for t in reasons.get("e", [])), key=lambda t: t.name),
                they_offer=sorted((tags[t] for t in reasons.get("o", [])), key=lambda t: t.name),
                they_seek=sorted((tags[t] for t in reasons.get("s", [])), key=lambda t: t.name),
                same_country=bool(country) and str(getattr(page, "country", "")) == country,
            )
        )
        if len(suggestions) >= limit:
            break
    return suggestions


def suggestions_for(profile, *, members=6, initiatives=4, user=None):
    """Both lists at once, sharing the query for my tags."""
    mine = _my_tags(profile)
    return {
        "members": member_suggestions(profile, limit=members, mine=mine),
        "initiatives": initiative_suggestions(profile, limit=initiatives, mine=mine, user=user),
    }
