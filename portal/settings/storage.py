"""Static files storage for production: WhiteNoise's compressed, hashed-names storage, with our
CSS and JavaScript minified first (rcssmin, rjsmin), and without rewriting
``sourceMappingURL`` comments. The vendored libraries (Leaflet...) ship without their source
maps, and Django's post-processing would otherwise stop ``collectstatic`` on the first missing
``.map`` file."""

from pathlib import Path

from django.conf import settings

from whitenoise.storage import CompressedManifestStaticFilesStorage

# Only our own files: the libraries' (Wagtail, Django's admin, the vendored Leaflet) ship
# minified or are not ours to touch.
SKIP_MINIFY = (".min.js", ".min.css")
SKIP_MINIFY_PREFIXES = ("vendor/",)


def minify(name, text):
    """``text`` of the static file ``name`` minified; licence comments (``/*! ... */``) stay."""
    import rcssmin
    import rjsmin

    if name.endswith(".css"):
        return rcssmin.cssmin(text, keep_bang_comments=True)
    return rjsmin.jsmin(text, keep_bang_comments=True)


def should_minify(name, source_path):
    """A CSS or JS file of this project (not of an installed package)."""
    if not name.endswith((".css", ".js")) or name.endswith(SKIP_MINIFY):
        return False
    if name.startswith(SKIP_MINIFY_PREFIXES):
        return False
    source = Path(source_path).resolve()
    return source.is_relative_to(Path(settings.BASE_DIR).resolve()) and not any(
        part in ("site-packages", "node_modules", ".venv") for part in source.parts
    )


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

    def post_process(self, paths, dry_run=False, **options):
        """Minify the copied CSS and JS in place, then hash and compress them as before (so
        the hashed names and the .gz/.br files are those of the minified content)."""
        if not dry_run:
            paths = dict(paths)
            for name, (source_storage, source_name) in paths.items():
                if should_minify(name, source_storage.path(source_name)):
                    path = self.path(name)
                    with open(path, encoding="utf-8") as source:
                        text = source.read()
                    minified = minify(name, text)
                    if len(minified) < len(text):
                        with open(path, "w", encoding="utf-8") as target:
                            target.write(minified)
                        # Django hashes from the source storage: point it at the minified copy.
                        paths[name] = (self, name)
        yield from super().post_process(paths, dry_run=dry_run, **options)
