from django.utils.translation import gettext_lazy as _

from wagtail import blocks
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageBlock


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Text"), max_length=120)
    level = blocks.ChoiceBlock(
        label=_("Level"), choices=[("h2", "H2"), ("h3", "H3"), ("h4", "H4")], default="h2"
    )

    class Meta:
        icon = "title"
        template = "blocks/heading_block.html"
        label = _("Heading")


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(label=_("Quote"))
    attribution = blocks.CharBlock(label=_("Attribution"), required=False, max_length=200)

    class Meta:
        icon = "openquote"
        template = "blocks/quote_block.html"
        label = _("Quote")


class CallToActionBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"), max_length=120)
    text = blocks.TextBlock(label=_("Text"), required=False)
    link_page = blocks.PageChooserBlock(label=_("Page"), required=False)
    link_url = blocks.URLBlock(label=_("or URL"), required=False)
    link_text = blocks.CharBlock(label=_("Button text"), max_length=60)

    class Meta:
        icon = "link"
        template = "blocks/call_to_action_block.html"
        label = _("Call to action")


class BodyBlock(blocks.StreamBlock):
    """The rich body used by standard pages and, where staff write, other page types."""

    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(
        label=_("Paragraph"),
        features=["h2", "h3", "h4", "bold", "italic", "ol", "ul", "link", "document-link"],
        template="blocks/paragraph_block.html",
    )
    image = ImageBlock(label=_("Image"), template="blocks/image_block.html")
    quote = QuoteBlock()
    embed = EmbedBlock(label=_("Embedded media"), template="blocks/embed_block.html")
    call_to_action = CallToActionBlock()
