import pytest

from discussions.sanitising import has_text, plain_text, render_post, sanitise_post


def test_plain_text_becomes_paragraphs():
    assert sanitise_post("One\nline\n\nTwo <3") == "<p>One<br>line</p><p>Two &lt;3</p>"


@pytest.mark.parametrize(
    ("raw", "kept", "gone"),
    [
        (
            '<p>Hi <a href="https://x.org" onclick="x()">link</a></p>',
            'href="https://x.org"',
            "onclick",
        ),
        ('<a href="javascript:alert(1)">x</a>', "x", "javascript:"),
        ("<ul><li><em>a</em></li></ul><script>alert(1)</script>", "<em>a</em>", "alert"),
        ('<img src="x" onerror="alert(1)"><b>bold</b>', "<b>bold</b>", "<img"),
    ],
)
def test_only_the_safe_subset_stays(raw, kept, gone):
    cleaned = sanitise_post(raw)
    assert kept in cleaned and gone not in cleaned


def test_links_get_rel_nofollow_when_shown():
    assert 'rel="noopener noreferrer nofollow ugc"' in render_post('<a href="https://x.org">x</a>')


def test_has_text_and_plain_text():
    assert not has_text("<p> </p><script>x</script>")
    assert plain_text("<p>a &amp; b</p><p>c</p>") == "a & b c"
