def load(*, rng, stdout, scale, debug):
    stdout.write("  knowledge demo: pending")
