"""Run every benchmark in bench/ (``bench_*.py``), one after the other.

    .venv/bin/python bench/run.py                    # all of them (make bench)
    .venv/bin/python bench/run.py pages matching     # only bench_pages.py and bench_matching.py
    .venv/bin/python bench/run.py -- --repeat 5      # pass arguments on to every benchmark

Each benchmark is a script with its own options (see its docstring); DATABASE_URL and the
other environment variables are passed through. Exits non-zero if any benchmark fails.
"""

import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main(argv):
    extra = []
    if "--" in argv:
        extra = argv[argv.index("--") + 1 :]
        argv = argv[: argv.index("--")]
    scripts = sorted(HERE.glob("bench_*.py"))
    if argv:
        wanted = {name.removeprefix("bench_").removesuffix(".py") for name in argv}
        scripts = [s for s in scripts if s.stem.removeprefix("bench_") in wanted]
        if not scripts:
            sys.exit(f"No benchmark named {', '.join(sorted(wanted))} in {HERE}")
    failures = []
    for script in scripts:
        print(f"\n=== {script.name}", flush=True)
        started = time.monotonic()
        status = subprocess.run([sys.executable, str(script), *extra], cwd=HERE.parent).returncode
        print(
            f"=== {script.name}: {'ok' if status == 0 else f'FAILED ({status})'} "
            f"in {time.monotonic() - started:.0f} s",
            flush=True,
        )
        if status:
            failures.append(script.name)
    if failures:
        sys.exit(f"\nFailed: {', '.join(failures)}")
    print(f"\nAll {len(scripts)} benchmarks done.")


if __name__ == "__main__":
    main(sys.argv[1:])
