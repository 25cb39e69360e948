"""Demo member profiles (see ``load``)."""


def load(*, rng, stdout, scale, debug):
    stdout.write("  members: nothing yet")
