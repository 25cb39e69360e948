"""factory_boy factories of every app's models, for the tests and the benchmarks only (the
application never imports them, so factory_boy stays a development dependency):
``from tests.factories.registry import InitiativePageFactory``."""
