import pytest

from tests.accounts.helpers import signup_data


@pytest.fixture
def signup(client):
    """``signup(prefix="/es", **fields)`` posts the signup form and returns the response."""

    def post(prefix="", **fields):
        return client.post(f"{prefix}/accounts/signup/", signup_data(**fields))

    return post


@pytest.fixture
def login(client):
    """``login(email, password, prefix="", next=None)`` posts allauth's login form."""

    def post(email, password, prefix="", next=None):
        url = f"{prefix}/accounts/login/"
        if next is not None:
            url = f"{url}?next={next}"
        return client.post(url, {"login": email, "password": password})

    return post
