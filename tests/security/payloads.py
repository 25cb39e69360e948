"""Hostile inputs for every user-writable text field (tests/security/test_injection.py)."""

#: Script and markup injection: each one runs ``alert`` if rendered unescaped.
HTML = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "<svg onload=alert(1)>",
    '<a href="javascript:alert(1)">x</a>',
    '\'"><iframe srcdoc="<script>parent.alert(1)</script>"></iframe>',
    "')>",
]

#: URLs that execute when used as a link target.
URLS = [
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    "data:text/html,<script>alert(1)</script>",
]

#: Template syntax: must come out literally, never evaluated.
TEMPLATE = ["{{7*7}}", "{% debug %}"]

#: Unicode tricks: right-to-left override, zero-width joiners, Cyrillic homoglyphs.
UNICODE = [
    "invoice\u202egpj.exe",
    "ad\u200dmin\u200b",
    "\u0430dmin",  # Cyrillic a
]

LONG = "A" * 10_000

ALL = [*HTML, *URLS, *TEMPLATE, *UNICODE, LONG]


def text(index):
    """A payload for the ``index``-th text field: the fields of one form get different ones,
    so the whole list is written with a bounded number of saves."""
    return ALL[index % len(ALL)]
