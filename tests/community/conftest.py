import io

from django.core.files.uploadedfile import SimpleUploadedFile

import pytest
from PIL import Image

from tests.factories.community import MemberProfileFactory


@pytest.fixture
def make_profile(db):
    """``make_profile("ana", expertise=[...], seeking=[...], offering=[...], **fields)``"""

    def make(username, **kwargs):
        user_kwargs = {
            k.removeprefix("user__"): kwargs.pop(k) for k in list(kwargs) if k.startswith("user__")
        }
        from tests.factories.accounts import UserFactory

        user = UserFactory(username=username, groups=["Members"], **user_kwargs)
        return MemberProfileFactory(user=user, **kwargs)

    return make


def image_upload(name="photo.png", size=(64, 64), fmt="PNG"):
    buffer = io.BytesIO()
    Image.new("RGB", size, (200, 80, 40)).save(buffer, fmt)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type=f"image/{fmt.lower()}")


@pytest.fixture
def png_upload():
    return image_upload
