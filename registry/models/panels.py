"""The admin editing interface of ``InitiativePage``: its tabs and panels (field names only, so
this module needs no model)."""

from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
)

identity_panels = [
    FieldPanel("title", heading=_("Name")),
    FieldRowPanel([FieldPanel("acronym"), FieldPanel("kind"), FieldPanel("status")]),
    FieldRowPanel([FieldPanel("year_founded"), FieldPanel("website")]),
    FieldPanel("social_links"),
    FieldPanel("logo"),
    FieldPanel("summary"),
    FieldPanel("description"),
]
place_panels = [
    FieldPanel("country"),
    FieldRowPanel([FieldPanel("region"), FieldPanel("city")]),
    FieldRowPanel(
        [FieldPanel("latitude"), FieldPanel("longitude"), FieldPanel("location_precision")]
    ),
]
profile_panels = [
    MultiFieldPanel(
        [
            FieldPanel("managing_organization"),
            FieldRowPanel([FieldPanel("organization_type"), FieldPanel("team_size")]),
            FieldPanel("support_program"),
        ],
        heading=_("Governance"),
    ),
    MultiFieldPanel(
        [
            FieldPanel("stage"),
            FieldRowPanel(
                [
                    FieldPanel("quality_label_scheme"),
                    FieldPanel("quality_label"),
                    FieldPanel("quality_label_year"),
                    FieldPanel("quality_label_expiry"),
                ]
            ),
        ],
        heading=_("Maturity"),
    ),
    MultiFieldPanel(
        [
            FieldRowPanel([FieldPanel("member_firms"), FieldPanel("member_smes")]),
            FieldRowPanel(
                [FieldPanel("member_research_bodies"), FieldPanel("member_public_bodies")]
            ),
        ],
        heading=_("Members"),
    ),
    InlinePanel("indicators", heading=_("Yearly indicators"), label=_("Year")),
]
topic_panels = [
    FieldPanel("sectors"),
    FieldPanel("value_chain"),
    FieldPanel("tags"),
    FieldPanel("seeking_tags"),
    FieldPanel("offering_tags"),
]
record_panels = [
    MultiFieldPanel(
        [FieldPanel("contact_email"), FieldPanel("contact_person")], heading=_("Contact")
    ),
    FieldRowPanel([FieldPanel("external_id"), FieldPanel("source")]),
    MultiFieldPanel(
        [
            FieldRowPanel([FieldPanel("eccp_profile"), FieldPanel("wikidata_id")]),
            FieldRowPanel([FieldPanel("eclac_id"), FieldPanel("national_registry_number")]),
            FieldPanel("external_urls"),
        ],
        heading=_("Other registries"),
    ),
    FieldRowPanel([FieldPanel("last_verified_on"), FieldPanel("data_licence")]),
]
# The tabs after "Identity" (the content tab); portal.models.BasePage adds Promote and Settings.
extra_tabs = [
    (_("Place"), place_panels),
    (_("Profile"), profile_panels),
    (_("Topics"), topic_panels),
    (_("Contact and record"), record_panels),
]
