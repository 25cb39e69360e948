from wagtail import hooks

from .demo import DemoLoader


@hooks.register("register_demo_data")
def portal_demo():
    from . import demo_content

    return DemoLoader(order=10, name="portal", load=demo_content.load)
