"""The MDN HTTP Observatory score of a scan (the JSON of its CLI) without the tests that
plain HTTP on loopback can only fail, computed the scanner's way (src/scanner/index.js: 100
plus every test's modifier, bonuses only once the penalties alone leave 90 or more).

Usage: python scripts/observatory_score.py SCAN.json MINIMUM; exits 1 below MINIMUM."""

import json
import sys

# No TLS on loopback: no redirection to HTTPS (SECURE_SSL_REDIRECT and the proxy do it) and no
# HSTS (Django sends it over HTTPS only; tests/security/test_headers.py checks it there).
TLS_ONLY = {"redirection", "strict-transport-security"}
EXTRA_CREDIT_FROM = 90  # MINIMUM_SCORE_FOR_EXTRA_CREDIT in the scanner's grader/charts.js


def main(path, minimum):
    with open(path) as file:
        result = json.load(file)
    if "error" in result:
        print(f"The scan failed: {result['error']}")  # noqa: T201
        return 1
    penalties = bonuses = 0
    for name, test in sorted(result["tests"].items()):
        modifier = test.get("scoreModifier", 0)
        skipped = name in TLS_ONLY
        if not skipped:
            penalties += min(modifier, 0)
            bonuses += max(modifier, 0)
        mark = "skip (TLS only)" if skipped else ("pass" if test.get("pass") else "FAIL")
        print(f"  {mark:16} {name:32} {modifier:+4d}  {test.get('result')}")  # noqa: T201
    score = 100 + penalties + (bonuses if 100 + penalties >= EXTRA_CREDIT_FROM else 0)
    scan = result["scan"]
    print(  # noqa: T201
        f"Scanner's own score {scan['score']} ({scan['grade']}); "
        f"without the TLS-only tests: {score} (minimum {minimum})"
    )
    return 0 if score >= minimum else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], int(sys.argv[2])))
