import pytest

from tests import factories


@pytest.mark.django_db
def test_factories_build_a_published_exhibit_with_recognition():
    recognition = factories.RecognitionFactory()
    assert recognition.exhibit.status == "published"
    assert recognition.exhibit.zone.edition == recognition.exhibit.edition
