"""Static files storage for production: WhiteNoise's compressed, hashed-names storage, without
rewriting ``sourceMappingURL`` comments. The vendored libraries (Leaflet...) ship without their
source maps, and Django's post-processing would otherwise stop ``collectstatic`` on the first
missing ``.map`` file."""

from whitenoise.storage import CompressedManifestStaticFilesStorage


class StaticFilesStorage(CompressedManifestStaticFilesStorage):
    patterns = (
        (
            "*.css",
            (
                r"""(?P<matched>url\(['"]{0,1}\s*(?P<url>.*?)["']{0,1}\))""",
                (
                    r"""(?P<matched>@import\s*["']\s*(?P<url>.*?)["'])""",
                    """@import url("%(url)s")""",
                ),
            ),
        ),
    )
