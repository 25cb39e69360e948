"""portal.emails: templated emails, sent as a task, in the recipient's language."""

from django.core import mail

import pytest

from portal.emails import language_of, render_email, send_templated_email


@pytest.fixture
def email_templates(tmp_path, settings):
    folder = tmp_path / "mailtest"
    folder.mkdir()
    (folder / "hello_subject.txt").write_text(
        '{% load i18n %}{% translate "Sign In" %}\n  {{ name }}\n'
    )
    (folder / "hello_message.txt").write_text(
        '{% load i18n %}{% translate "Sign Up" %}, {{ name }}'
    )
    (folder / "rich_subject.txt").write_text("Rich")
    (folder / "rich_message.txt").write_text("Plain {{ name }}")
    (folder / "rich_message.html").write_text("<p>HTML {{ name }}</p>")
    settings.TEMPLATES = [
        {**settings.TEMPLATES[0], "DIRS": [tmp_path, *settings.TEMPLATES[0]["DIRS"]]}
    ]
    return "mailtest"


@pytest.mark.parametrize(
    ("language", "subject_start"), [("en", "Sign In"), ("es", "Iniciar"), ("pt", "Entrar")]
)
def test_render_email_in_the_recipient_language(email_templates, language, subject_start):
    subject, body, html = render_email(
        template="mailtest/hello", context={"name": "Ana"}, language=language
    )
    assert subject.startswith(subject_start)
    assert "\n" not in subject and subject.endswith("Ana")
    assert body.endswith(", Ana")
    assert html is None


def test_send_templated_email_as_a_task(email_templates):
    result = send_templated_email.enqueue(
        to=["ana@example.org"],
        template="mailtest/rich",
        context={"name": "Ana"},
        language="es",
        reply_to=["reply@example.org"],
        attachments=[["event.ics", "BEGIN:VCALENDAR", "text/calendar"]],
    )
    assert result.return_value == 1
    [message] = mail.outbox
    assert message.to == ["ana@example.org"]
    assert message.subject == "[Articula] Rich"
    assert message.body == "Plain Ana"
    assert message.alternatives[0][0] == "<p>HTML Ana</p>"
    assert message.reply_to == ["reply@example.org"]
    assert message.attachments[0][0] == "event.ics"


def test_a_broken_html_template_is_not_silently_dropped(email_templates, tmp_path):
    (tmp_path / "mailtest" / "rich_message.html").write_text("{% if %}")
    from django.template import TemplateSyntaxError

    with pytest.raises(TemplateSyntaxError):
        render_email(template="mailtest/rich", context={}, language="en")


@pytest.mark.django_db
def test_language_of(make_user):
    assert language_of(make_user(username="p1", preferred_language="pt")) == "pt"
    assert language_of(make_user(username="p2", preferred_language="")) == "en"
    assert language_of(None) == "en"
