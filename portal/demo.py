"""Demo data is built by one command, ``manage.py load_demo_data``, from the pieces that each
app registers in ``wagtail_hooks.py``::

    @hooks.register("register_demo_data")
    def registry_demo():
        return DemoLoader(order=20, name="initiatives", load=registry.demo.load)

``load(*, rng, stdout, scale)`` must be idempotent: running the command twice leaves the same
data. ``rng`` is a ``random.Random`` seeded by the command so every run builds the same site.
"""

from collections.abc import Callable
from dataclasses import dataclass

from wagtail import hooks


@dataclass(frozen=True)
class DemoLoader:
    order: int
    name: str
    load: Callable


def demo_loaders():
    return sorted((fn() for fn in hooks.get_hooks("register_demo_data")), key=lambda d: d.order)
