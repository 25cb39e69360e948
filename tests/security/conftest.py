"""Fixtures of the security suite (tests/security/): the perimeter tests of every login path,
the URL x role matrix, hostile payloads, fuzzing and response headers."""
