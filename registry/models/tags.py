"""The tag through-models of an initiative (topics, seeking, offering)."""

from django.db import models

from modelcluster.fields import ParentalKey

from portal.models import TaggedItem


class InitiativeTag(TaggedItem):
    content_object = ParentalKey(
        "registry.InitiativePage", on_delete=models.CASCADE, related_name="tagged_items"
    )

    class Meta:
        indexes = [
            # Covering index for "initiatives with this tag" (filters, facets, similar).
            models.Index(fields=["tag", "content_object"], name="registry_initiativetag_tag_obj")
        ]


class InitiativeSeekingTag(TaggedItem):
    content_object = ParentalKey(
        "registry.InitiativePage", on_delete=models.CASCADE, related_name="seeking_tagged_items"
    )


class InitiativeOfferingTag(TaggedItem):
    content_object = ParentalKey(
        "registry.InitiativePage", on_delete=models.CASCADE, related_name="offering_tagged_items"
    )
