from wagtail import hooks

from .demo import DemoLoader


@hooks.register("register_demo_data")
def portal_demo():
    from . import demo_content

    return DemoLoader(order=10, name="portal", load=demo_content.load)


@hooks.register("register_demo_data")
def tag_labels_demo():
    from . import demo_tags

    # Last: the other parts create the tags it labels.
    return DemoLoader(order=90, name="tag-labels", load=demo_tags.load)
