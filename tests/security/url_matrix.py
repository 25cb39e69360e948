"""The URL x role matrix, as data: for every URL pattern the project resolves, how to build a
sample URL and what each role gets on GET (and, for the project's write views, on POST).

``python -m tests.security.url_matrix`` prints the table as Markdown (no database needed).

Keys are pattern names as ``reverse()`` spells them (``registry:edit``), the route string for
unnamed patterns, or ``namespace:*`` for a whole admin viewset of the project. Patterns that
Wagtail, wagtail-localize and allauth own under ``admin/`` and ``api/v3/`` follow ``PREFIX_RULES``
unless listed. tests/security/test_url_matrix.py fails on a resolved pattern that none covers.

Paths are ``str.format`` templates over tests/security/fixtures.py's data
(``{initiative.pk}``); ``None`` means "fill the route's converters with sample values".
"""

ROLES = (
    "anonymous",
    "unverified",
    "member",
    "verifier",
    "other_manager",
    "manager",
    "moderator",
    "admin",
)
STAFF = ("moderator", "admin")

OUTCOMES = {
    "ok": "200",
    "redirect_login": "302 to /accounts/login/",
    "redirect_email": "302 to /accounts/email/ (confirm your address first)",
    "redirect": "another 3xx",
    "forbidden": "403",
    "not_found": "404",
    "method_not_allowed": "405",
    "unauthorized": "401 (API without a token)",
    "unprocessable": "422 (API input rejected)",
    "reachable": "staff get in: any answer below 500 that is not a redirect to the login",
    "error_test": "Wagtail's deliberate error page (raises)",
}


def roles(default, **overrides):
    unknown = set(overrides) - set(ROLES)
    assert not unknown, unknown
    return {role: overrides.get(role, default) for role in ROLES}


PUBLIC = roles("ok")
SIGNED_IN = roles("ok", anonymous="redirect_login")
VERIFIED = roles("ok", anonymous="redirect_login", unverified="redirect_email")
#: A POST-only view of the project: GET is refused for everyone.
POST_ONLY = roles("method_not_allowed")
#: Wrong roles on POST to a write view that needs a verified account.
POST_VERIFIED = {"anonymous": "redirect_login", "unverified": "redirect_email"}
#: POST on a message of someone else's inbox: it does not exist for them.
NOT_THE_RECIPIENT = {
    "anonymous": "redirect_login",
    "unverified": "not_found",
    "other_manager": "not_found",
    "moderator": "not_found",
}
ADMIN_AREA = roles("redirect_login", moderator="reachable", admin="reachable")
ADMIN_ONLY = roles("redirect_login", moderator="forbidden", admin="reachable")
EVERYONE_404 = roles("not_found")
API_PRIVATE = roles("unauthorized")
API_GET = roles("reachable")


def entry(path, expect, post=None, note=""):
    return {"path": path, "expect": expect, "post": post or {}, "note": note}


TABLE = {
    # --- site-wide -------------------------------------------------------------------------
    "healthz": entry("/healthz", PUBLIC),
    "readyz": entry("/readyz", PUBLIC),
    "robots_txt": entry("/robots.txt", PUBLIC),
    "sitemap.xml": entry("/sitemap.xml", PUBLIC),
    "set_language": entry("/i18n/setlang/", roles("redirect"), note="GET falls back to /"),
    "wagtaildocs_serve": entry("/documents/999999/missing.pdf", EVERYONE_404),
    "wagtaildocs_authenticate_with_password": entry(
        "/documents/authenticate_with_password/999999/", EVERYONE_404
    ),
    # Wagtail's own login form for private pages: the project signs in through allauth only.
    "wagtailcore_login": entry(
        "/_util/login/",
        roles(
            "redirect_login",
            **dict.fromkeys(
                ("unverified", "member", "other_manager", "manager", "moderator", "admin"),
                "redirect",
            ),
        ),
    ),
    "wagtailcore_authenticate_with_password": entry(
        "/_util/authenticate_with_password/999999/{initiative.pk}/", EVERYONE_404
    ),
    # The page tree: one entry for every page, plus the routable sub-routes.
    "wagtail_serve": entry("{initiative.url}", PUBLIC),
    "wagtail_serve:event.register": entry("{event.url}register/", POST_ONLY, post=POST_VERIFIED),
    "wagtail_serve:event.cancel": entry("{event.url}cancel/", POST_ONLY, post=POST_VERIFIED),
    "wagtail_serve:program.certificate": entry(
        "{program.url}certificate/",
        roles("forbidden", anonymous="redirect_login"),
        note="only a member who attended enough sessions gets a certificate",
    ),
    # --- registry --------------------------------------------------------------------------
    "registry:register": entry("/initiatives/register/", VERIFIED, post=POST_VERIFIED),
    "registry:geojson": entry("/initiatives/data.geojson", PUBLIC),
    "registry:csv": entry("/initiatives/data.csv", PUBLIC),
    "registry:json": entry("/initiatives/data.json", PUBLIC),
    "registry:map_geojson": entry("/initiatives/map.geojson", PUBLIC),
    "registry:popup": entry("/initiatives/{initiative.pk}/popup.json", PUBLIC),
    "registry:edit": entry(
        "/initiatives/{initiative.pk}/edit/",
        roles(
            "forbidden",
            anonymous="redirect_login",
            unverified="redirect_email",
            manager="ok",
            moderator="ok",
            admin="ok",
        ),
        post={**POST_VERIFIED, "member": "forbidden", "other_manager": "forbidden"},
    ),
    "registry:managers": entry(
        "/initiatives/{initiative.pk}/managers/",
        roles(
            "forbidden",
            anonymous="redirect_login",
            unverified="redirect_email",
            manager="ok",
            moderator="ok",
            admin="ok",
        ),
        post={**POST_VERIFIED, "member": "forbidden", "other_manager": "forbidden"},
    ),
    "registry:remove_manager": entry(
        "/initiatives/{initiative.pk}/managers/{users[manager].pk}/remove/",
        POST_ONLY,
        post={**POST_VERIFIED, "member": "forbidden", "other_manager": "forbidden"},
    ),
    "registry:cancel_invitation": entry(
        "/initiatives/{initiative.pk}/invitations/{invitation.pk}/cancel/",
        POST_ONLY,
        post={**POST_VERIFIED, "member": "forbidden", "other_manager": "forbidden"},
    ),
    "registry:claim": entry("/initiatives/{orphan.pk}/claim/", VERIFIED, post=POST_VERIFIED),
    "registry:accept_invitation": entry(
        "/initiatives/invitations/{invitation.token}/",
        roles("ok", anonymous="redirect_login", unverified="redirect_email"),
        post={**POST_VERIFIED, "member": "ok"},
        note="for another address: the page says so and POST answers the refusal (200), "
        "accepting redirects",
    ),
    # --- community -------------------------------------------------------------------------
    "community:dashboard": entry("/dashboard/", SIGNED_IN),
    "community:directory": entry("/members/", PUBLIC),
    "community:profile_edit": entry("/members/me/edit/", VERIFIED, post=POST_VERIFIED),
    "community:inbox": entry("/members/me/inbox/", SIGNED_IN),
    "community:contact_detail": entry(
        "/members/me/inbox/{contact.pk}/",
        roles("not_found", anonymous="redirect_login", member="ok"),
        note="a message to member from a third party",
    ),
    "community:contact_reply": entry(
        "/members/me/inbox/{contact.pk}/reply/",
        POST_ONLY,
        post={**POST_VERIFIED, "other_manager": "not_found", "moderator": "not_found"},
    ),
    "community:contact_block": entry(
        "/members/me/inbox/{contact.pk}/block/", POST_ONLY, post=NOT_THE_RECIPIENT
    ),
    "community:contact_report": entry(
        "/members/me/inbox/{contact.pk}/report/", POST_ONLY, post=NOT_THE_RECIPIENT
    ),
    "community:unblock": entry(
        "/members/me/blocked/{outsider.pk}/unblock/",
        POST_ONLY,
        post={"anonymous": "redirect_login", "unverified": "redirect"},
        note="lifting one's own block needs no verified address",
    ),
    "community:following": entry("/members/me/following/", SIGNED_IN),
    "community:follow": entry("/members/me/follow/", POST_ONLY, post=POST_VERIFIED),
    "community:unfollow": entry(
        "/members/me/unfollow/",
        POST_ONLY,
        post={"anonymous": "redirect_login", "unverified": "not_found"},
        note="nothing followed, nothing to undo",
    ),
    "community:privacy": entry("/members/me/privacy/", SIGNED_IN),
    "community:data_export": entry("/members/me/data.json", SIGNED_IN),
    "community:account_delete": entry(
        "/members/me/delete/", SIGNED_IN, post={"anonymous": "redirect_login"}
    ),
    "community:contact_initiative": entry(
        "/members/contact/initiative/{initiative.pk}/", VERIFIED, post=POST_VERIFIED
    ),
    "community:profile": entry("/members/{outsider.username}/", PUBLIC),
    "community:contact_member": entry(
        "/members/{outsider.username}/contact/", VERIFIED, post=POST_VERIFIED
    ),
    # --- knowledge -------------------------------------------------------------------------
    "knowledge:practice_new": entry(
        "/practices/new/",
        roles("ok", anonymous="redirect_login", unverified="redirect_email", member="forbidden"),
        post={**POST_VERIFIED, "member": "forbidden"},
    ),
    "knowledge:practice_edit": entry(
        "/practices/{practice.pk}/edit/",
        roles(
            "forbidden",
            anonymous="redirect_login",
            unverified="redirect_email",
            manager="ok",
            moderator="ok",
            admin="ok",
        ),
        post={**POST_VERIFIED, "member": "forbidden", "other_manager": "forbidden"},
    ),
    "knowledge:practice_feed": entry("/practices/feed/", PUBLIC),
    "knowledge:practice_feed_atom": entry("/practices/feed/atom/", PUBLIC),
    "knowledge:news_feed": entry("/news/feed/", PUBLIC),
    "knowledge:news_feed_atom": entry("/news/feed/atom/", PUBLIC),
    "knowledge:tag_feed": entry("/tags/{tag.slug}/feed/", PUBLIC),
    "knowledge:tag_feed_atom": entry("/tags/{tag.slug}/feed/atom/", PUBLIC),
    # --- events ----------------------------------------------------------------------------
    "events:calendar": entry("/events/calendar.ics", PUBLIC),
    "events:feed_reset": entry("/events/feed/reset/", POST_ONLY, post=POST_VERIFIED),
    "events:feed": entry(
        "/events/feed/{feed_token.token}.ics", PUBLIC, note="the secret token is the key"
    ),
    "events:page_calendar": entry("/events/{event_path}/calendar.ics", PUBLIC),
    "events:verify": entry("/events/verify/{certificate.code}/", PUBLIC),
    # --- portal (tags, search) -------------------------------------------------------------
    "portal:search": entry("/search/?q=cluster", PUBLIC),
    "portal:tag_index": entry("/tags/", PUBLIC),
    "portal:tag_autocomplete": entry("/tags/autocomplete/?q=exp", PUBLIC),
    "portal:tag": entry("/tags/{tag.slug}/", PUBLIC),
    # --- allauth (accounts/) ---------------------------------------------------------------
    "account_login": entry("/accounts/login/", roles("redirect", anonymous="ok")),
    "account_logout": entry("/accounts/logout/", roles("ok", anonymous="redirect")),
    "account_signup": entry("/accounts/signup/", roles("redirect", anonymous="ok")),
    "account_inactive": entry("/accounts/inactive/", PUBLIC),
    "account_confirm_email": entry(
        "/accounts/confirm-email/not-a-key/", PUBLIC, note="a clear page for a wrong key"
    ),
    "account_email_verification_sent": entry("/accounts/confirm-email/", PUBLIC),
    "account_email": entry("/accounts/email/", SIGNED_IN),
    "account_reauthenticate": entry("/accounts/reauthenticate/", SIGNED_IN),
    "account_request_reauthentication_code": entry(
        "/accounts/reauthenticate/code/",
        roles("ok", anonymous="redirect_login", unverified="redirect"),
    ),
    "account_confirm_reauthentication_code": entry(
        "/accounts/reauthenticate/code/confirm/", roles("redirect", anonymous="redirect_login")
    ),
    "account_change_password": entry("/accounts/password/change/", SIGNED_IN),
    "account_set_password": entry(
        "/accounts/password/set/", roles("redirect", anonymous="redirect_login")
    ),
    "account_reset_password": entry("/accounts/password/reset/", PUBLIC),
    "account_reset_password_done": entry("/accounts/password/reset/done/", PUBLIC),
    "account_reset_password_from_key": entry(
        "/accounts/password/reset/key/1-not-a-key/", PUBLIC, note="a page saying the link is bad"
    ),
    "account_reset_password_from_key_done": entry("/accounts/password/reset/key/done/", PUBLIC),
    "account_confirm_login_code": entry(
        "/accounts/login/code/confirm/", roles("redirect", anonymous="redirect_login")
    ),
    "mfa_index": entry("/accounts/2fa/", SIGNED_IN),
    "mfa_authenticate": entry(
        "/accounts/2fa/authenticate/", roles("redirect", anonymous="redirect_login")
    ),
    "mfa_reauthenticate": entry(
        "/accounts/2fa/reauthenticate/", roles("redirect", anonymous="redirect_login")
    ),
    "mfa_activate_totp": entry(
        "/accounts/2fa/totp/activate/", roles("redirect", anonymous="redirect_login")
    ),
    "mfa_deactivate_totp": entry(
        "/accounts/2fa/totp/deactivate/",
        roles("not_found", anonymous="redirect_login"),
        note="no authenticator to deactivate",
    ),
    "mfa_view_recovery_codes": entry(
        "/accounts/2fa/recovery-codes/", roles("not_found", anonymous="redirect_login")
    ),
    "mfa_generate_recovery_codes": entry(
        "/accounts/2fa/recovery-codes/generate/", roles("redirect", anonymous="redirect_login")
    ),
    "mfa_download_recovery_codes": entry(
        "/accounts/2fa/recovery-codes/download/", roles("not_found", anonymous="redirect_login")
    ),
    # --- the registry's open-data API (api/) -----------------------------------------------
    "registry_api:api-root": entry("/api/", EVERYONE_404),
    "registry_api:openapi-json": entry("/api/openapi.json", PUBLIC),
    "registry_api:openapi-view": entry("/api/docs/", PUBLIC),
    "registry_api:initiatives_json": entry("/api/initiatives", PUBLIC),
    "registry_api:initiatives_geojson": entry("/api/initiatives.geojson", PUBLIC),
    "registry_api:initiatives_csv": entry("/api/initiatives.csv", PUBLIC),
    "registry_api:initiative_detail": entry("/api/initiatives/{initiative.pk}", PUBLIC),
    # --- Wagtail's page API (api/v3/): read-only for the public, the rest needs a token ------
    "wagtailapi_v3:api-root": entry("/api/v3/", EVERYONE_404),
    "wagtailapi_v3:openapi-json": entry("/api/v3/openapi.json", PUBLIC),
    "wagtailapi_v3:openapi-view": entry("/api/v3/docs/", PUBLIC),
    "wagtailapi_v3:list_pages": entry("/api/v3/pages/", PUBLIC),
    "wagtailapi_v3:detail_page": entry("/api/v3/pages/{initiative.pk}/", PUBLIC),
    "wagtailapi_v3:whoami": entry("/api/v3/whoami/", API_PRIVATE),
    "wagtailapi_v3:list_sites": entry("/api/v3/sites/", API_PRIVATE),
    "wagtailapi_v3:list_schemas": entry("/api/v3/schema/", API_PRIVATE),
    "wagtailapi_v3:list_page_revisions": entry(
        "/api/v3/pages/{initiative.pk}/revisions/", API_PRIVATE
    ),
    "wagtailapi_v3:list_snippets": entry("/api/v3/snippets/registry.sector/", API_PRIVATE),
    # --- the Wagtail admin: the parts the project changed -----------------------------------
    "admin_login": entry("/admin/login/", roles("redirect_login")),
    "wagtailadmin_login": entry("/admin/login/", roles("redirect_login")),
    "wagtailadmin_password_reset": entry("/admin/password_reset/", EVERYONE_404),
    "wagtailadmin_password_reset_done": entry("/admin/password_reset/done/", EVERYONE_404),
    "wagtailadmin_password_reset_confirm": entry(
        "/admin/password_reset/confirm/MQ/not-a-token/", EVERYONE_404
    ),
    "wagtailadmin_password_reset_complete": entry("/admin/password_reset/complete/", EVERYONE_404),
    "wagtailadmin_sprite": entry("/admin/sprite/", PUBLIC, note="static icons"),
    "wagtailadmin_javascript_catalog": entry("/admin/jsi18n/", PUBLIC, note="translations"),
    "wagtailadmin_logout": entry(
        "/admin/logout/",
        roles("redirect", moderator="method_not_allowed", admin="method_not_allowed"),
        note="POST only: a link cannot sign staff out",
    ),
    "wagtailadmin_error_test": entry(
        "/admin/failwhale/", roles("redirect_login", moderator="error_test", admin="error_test")
    ),
    "wagtailadmin_pages:revisions_compare": entry(
        "/admin/pages/{initiative.pk}/revisions/compare/earliest...latest/", ADMIN_AREA
    ),
    "admin/test404/": entry("/admin/test404/", ADMIN_AREA),
    "admin/^.*/$": entry(
        "/admin/no-such-page/",
        roles("redirect", moderator="not_found", admin="not_found"),
        note="to /admin/login/, which sends on to /accounts/login/",
    ),
    # --- the Wagtail admin: the project's own admin views -----------------------------------
    "registry_admin:*": entry(None, ADMIN_AREA),
    "registry_admin:claims": entry(
        "/admin/registry/claims/", roles("redirect_login", moderator="ok", admin="ok")
    ),
    "registry_admin:import": entry("/admin/registry/import/", ADMIN_AREA),
    "registry_admin:export": entry("/admin/registry/export.csv", ADMIN_AREA),
    "events_attendance": entry("/admin/events/attendance/{event.pk}/", ADMIN_AREA),
    "events_registrations_csv": entry(
        "/admin/events/attendance/{event.pk}/registrations.csv", ADMIN_AREA
    ),
    "ops_tasks": entry("/admin/ops/tasks/", roles("redirect_login", moderator="ok", admin="ok")),
    "member_profiles:*": entry(None, ADMIN_AREA),
    "abuse_reports:*": entry(None, ADMIN_AREA),
    "contact_requests:*": entry(None, ADMIN_AREA, note="private messages"),
    "knowledge_tags:*": entry(None, ADMIN_AREA),
    "event_registrations:*": entry(None, ADMIN_AREA),
    # --- identifiers and the bulk open-data package (issue 15) ---
    "portal:open_data_package": entry(
        "/open-data/articula-open-data.zip", PUBLIC, note="built on the first request"
    ),
    # --- support (technical support requests) -------------------------------------------------
    "support:index": entry("/support/", PUBLIC),
    "support:ask": entry("/support/ask/", VERIFIED, post=POST_VERIFIED),
    # Readable by its requester ("manager"), its assignee and staff; nobody else learns it exists.
    "support:request_detail": entry(
        "/support/requests/{support_request.pk}/",
        roles(
            "ok",
            anonymous="redirect_login",
            unverified="not_found",
            member="not_found",
            other_manager="not_found",
            verifier="not_found",
        ),
    ),
    "support:request_answer": entry(
        "/support/requests/{support_request.pk}/answer/",
        POST_ONLY,
        post={**POST_VERIFIED, "member": "not_found", "other_manager": "not_found"},
    ),
    "support:request_start": entry(
        "/support/requests/{support_request.pk}/start/",
        POST_ONLY,
        post={**POST_VERIFIED, "member": "not_found", "other_manager": "not_found"},
    ),
    "support:volunteer": entry(
        "/support/requests/{support_request.pk}/volunteer/", POST_ONLY, post=POST_VERIFIED
    ),
    "support:answers": entry("/support/answers/", PUBLIC),
    "support:answer_detail": entry("/support/answers/{support_answer.pk}/", PUBLIC),
    "support_triage": entry("/admin/support/triage/{support_request.pk}/", ADMIN_AREA),
    "support_figures": entry("/admin/support/figures/", ADMIN_AREA),
    "support_requests:*": entry(None, ADMIN_AREA, note="private requests"),
    # --- discussions (and portal's one-click unsubscribe) -----------------------------------
    "discussions:index": entry("/discussions/", PUBLIC),
    "discussions:general": entry("/discussions/general/", PUBLIC),
    "discussions:space": entry("/discussions/space/{topic.pk}/", PUBLIC),
    "discussions:thread": entry("/discussions/{thread.pk}/", PUBLIC),
    "discussions:thread_new": entry("/discussions/new/", VERIFIED, post=POST_VERIFIED),
    "discussions:reply": entry("/discussions/{thread.pk}/reply/", POST_ONLY, post=POST_VERIFIED),
    "discussions:solve": entry(
        "/discussions/{thread.pk}/solve/",
        POST_ONLY,
        post={**POST_VERIFIED, "member": "forbidden", "manager": "forbidden"},
        note="the question's author or a moderator",
    ),
    "discussions:report": entry(
        "/discussions/report/reply/{thread_reply.pk}/", VERIFIED, post=POST_VERIFIED
    ),
    "discussions:follow": entry("/discussions/follow/", POST_ONLY, post=POST_VERIFIED),
    "discussions:following": entry("/discussions/following/", VERIFIED),
    "discussions:feed_rss": entry("/discussions/feed/{topic.pk}/rss/", PUBLIC),
    "discussions:feed_atom": entry("/discussions/feed/all/atom/", PUBLIC),
    "portal:unsubscribe": entry(
        "/unsubscribe/{unsubscribe_token}/", PUBLIC, note="the signed token is the key"
    ),
    "discussions_moderate": entry(
        "/admin/discussions/moderate/thread/{thread.pk}/",
        roles("redirect_login", moderator="ok", admin="ok"),
    ),
    "discussion_threads:*": entry(None, ADMIN_AREA),
    "discussion_replies:*": entry(None, ADMIN_AREA),
    "discussion_reports:*": entry(None, ADMIN_AREA),
    # --- stewardship: freshness loop and verification (registry) ---------------------------
    "registry:still_correct": entry(
        "/initiatives/still-correct/{still_correct_token}/",
        PUBLIC,
        post=roles("ok"),
        note="the signed link is the credential: no sign-in for this one action",
    ),
    "registry:verify": entry(
        "/initiatives/verify/",
        roles(
            "forbidden",
            anonymous="redirect_login",
            unverified="redirect_email",
            verifier="ok",
        ),
    ),
    "registry:verify_initiative": entry(
        "/initiatives/verify/{initiative.pk}/",
        POST_ONLY,
        post=roles(
            "forbidden",
            anonymous="redirect_login",
            unverified="redirect_email",
            verifier="redirect",
        ),
        note="the verifier's territory is the initiative's country; outside it: 403",
    ),
    "registry_stewardship:stale": entry(
        "/admin/registry/stale/", roles("redirect_login", moderator="ok", admin="ok")
    ),
    "registry_stewardship:restore": entry(
        "/admin/registry/stale/{archive.pk}/restore/",
        roles("redirect_login", moderator="ok", admin="ok"),
        post=roles("redirect_login", moderator="redirect", admin="redirect"),
    ),
    # --- projects ---
    "projects:create": entry(
        "/projects/new/",
        VERIFIED,
        post={**POST_VERIFIED, "member": "forbidden", "moderator": "forbidden"},
        note="the form for managers of a live initiative; others get a page explaining who "
        "may propose a project, and POST is refused (staff create projects in the admin)",
    ),
    "projects:edit": entry(
        None,
        roles("not_found", anonymous="redirect_login", unverified="redirect_email"),
        note="the sampled id is no project; the roles on a real one: "
        "tests/projects/test_permissions.py",
    ),
    "projects:interest": entry(None, POST_ONLY, post=POST_VERIFIED),
    "projects:decide": entry(None, POST_ONLY, post=POST_VERIFIED),
    "projects:confirm": entry(None, POST_ONLY, post=POST_VERIFIED),
    "projects:json": entry("/projects/open-data/projects.json", PUBLIC),
    "projects:csv": entry("/projects/open-data/projects.csv", PUBLIC),
    "registry_api:projects_json": entry("/api/projects", PUBLIC),
    "registry_api:projects_csv": entry("/api/projects.csv", PUBLIC),
    # --- observatory -------------------------------------------------------------------------
    "observatory:index": entry("/observatory/", PUBLIC),
    "observatory:csv": entry("/observatory/initiatives-by-country.csv", PUBLIC),
    "observatory:embed": entry(
        "/observatory/embed/initiatives-by-country/", PUBLIC, note="may be framed by any site"
    ),
}

# --- stewardship: a verifier is a plain member elsewhere (no practice-writing group) --------
TABLE["knowledge:practice_new"]["expect"]["verifier"] = "forbidden"
TABLE["knowledge:practice_new"]["post"]["verifier"] = "forbidden"

#: Patterns owned by Wagtail and its contrib apps (and wagtail-localize), by the prefix of
#: their name: they get the default of their area unless listed in TABLE.
PREFIX_RULES = (
    ("admin/", ("wagtail",), entry(None, ADMIN_AREA)),
    ("api/v3/", ("wagtailapi_v3:",), entry(None, API_GET)),
)


def rule_for(key, route):
    """The TABLE entry (or prefix rule) that covers a resolved pattern, or ``None``."""
    if key in TABLE:
        return TABLE[key]
    namespace = key.split(":", 1)[0] if ":" in key else None
    if namespace and f"{namespace}:*" in TABLE:
        return TABLE[f"{namespace}:*"]
    for prefix, name_prefixes, rule in PREFIX_RULES:
        if route.startswith(prefix) and key.startswith(name_prefixes):
            return rule
    return None


def markdown():
    """The table as Markdown: one row per entry, one column per role."""
    lines = [
        "| pattern | path | " + " | ".join(ROLES) + " |",
        "| --- | --- | " + " | ".join("---" for _ in ROLES) + " |",
    ]
    rows = list(TABLE.items()) + [
        (f"{prefix}* ({', '.join(names)}...)", rule) for prefix, names, rule in PREFIX_RULES
    ]
    for key, rule in rows:
        cells = []
        for role in ROLES:
            cell = rule["expect"][role]
            if role in rule["post"]:
                cell += f" / POST {rule['post'][role]}"
            cells.append(cell)
        path = rule["path"] or "(sampled from the route)"
        lines.append(f"| `{key}` | `{path}` | " + " | ".join(cells) + " |")
    lines.append("")
    lines.append("Outcomes: " + "; ".join(f"`{k}` {v}" for k, v in OUTCOMES.items()) + ".")
    return "\n".join(lines)


if __name__ == "__main__":
    print(markdown())  # noqa: T201
