"""The public page and API cache (pavilion/cache.py) is never stale: a publish, an
unpublish, an award or an image shows on the very next request, also when that request
is answered by another worker (another connection to the shared cache).

Workers share nothing but the cache, so "another worker" here is a second, fresh
connection to it swapped in for the next request. With Redis the two connections are two
clients of one server, as two gunicorn workers are (skipped without Redis; a failure under
CI). tests/pavilion/test_cache_workers.py checks the same with real gunicorn workers.
"""

from __future__ import annotations

import json
import os

import pytest
from django.core.cache import cache, caches

from awards.models import Recognition
from exhibits.workflow import exhibit_transition
from pavilion import cache as public_cache
from tests import factories
from tests.conftest import redis_url_for_worker, require

pytestmark = pytest.mark.django_db


def redis_reachable(url: str) -> bool:
    import redis

    try:
        return bool(redis.Redis.from_url(url, socket_connect_timeout=1).ping())
    except redis.RedisError:
        return False


@pytest.fixture(params=["locmem", "redis"])
def shared_cache(request, settings):
    """The cache every worker shares: local memory (one process), and Redis."""
    if request.param == "locmem":
        settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    else:
        url = redis_url_for_worker(os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/14")
        require(redis_reachable(url), f"needs Redis at {url} (set REDIS_URL)")
        settings.CACHES = {
            "default": {
                "BACKEND": "pavilion.redis_cache.RedisCache",
                "LOCATION": url,
                "KEY_PREFIX": "pavilion-tests",
            }
        }
        cache.clear()
    settings.PAVILION_PAGE_CACHE = True
    settings.PAVILION_DATA_CACHE = True
    yield request.param
    cache.clear()


@pytest.fixture
def another_worker():
    """Answer the next requests through a new connection to the shared cache."""
    original = caches["default"]

    def switch():
        caches["default"] = caches.create_connection("default")

    yield switch
    caches["default"] = original


@pytest.fixture
def pavilion(db):
    edition = factories.EditionFactory(is_current=True)
    zone = factories.ZoneFactory(edition=edition, slug="smart-living", name_en="Smart Living")
    published = factories.PublishedExhibitFactory(
        edition=edition, zone=zone, slug="iam-smart", title_en="iAM Smart"
    )
    approved = factories.ExhibitFactory(
        edition=edition,
        zone=zone,
        slug="smart-lamppost",
        title_en="Multi-functional Smart Lampposts",
        status="approved",
    )
    return {"edition": edition, "zone": zone, "published": published, "approved": approved}


def titles(response) -> list[str]:
    return [
        line.strip()
        for line in response.content.decode().splitlines()
        if "iAM Smart" in line or "Multi-functional Smart Lampposts" in line
    ]


def test_cache_second_anonymous_request_is_a_hit(client, shared_cache, pavilion):
    first = client.get("/exhibits/?zone=smart-living")
    second = client.get("/exhibits/?zone=smart-living")
    assert (first.status_code, first["X-Cache"]) == (200, "miss")
    assert (second.status_code, second["X-Cache"]) == (200, "hit")
    assert second.content == first.content
    assert second["Content-Language"] == "en"
    assert "Cookie" not in second.get("Vary", "")
    assert second["Content-Security-Policy"] == first["Content-Security-Policy"]


def test_cache_hit_needs_no_query(client, shared_cache, pavilion, django_assert_num_queries):
    client.get("/exhibits/iam-smart/")
    with django_assert_num_queries(0):
        response = client.get("/exhibits/iam-smart/")
    assert response["X-Cache"] == "hit"


def test_cache_publish_shows_on_next_request_of_another_worker(
    client, shared_cache, pavilion, another_worker, django_capture_on_commit_callbacks
):
    before = client.get("/exhibits/")
    assert client.get("/exhibits/")["X-Cache"] == "hit"
    assert "Multi-functional Smart Lampposts" not in before.content.decode()
    assert client.get("/exhibits/smart-lamppost/").status_code == 404

    with django_capture_on_commit_callbacks(execute=True):
        exhibit_transition(
            exhibit=pavilion["approved"], action="publish", user=factories.CuratorFactory()
        )
    another_worker()

    after = client.get("/exhibits/")
    assert (after.status_code, after["X-Cache"]) == (200, "miss")
    assert "Multi-functional Smart Lampposts" in after.content.decode()
    detail = client.get("/exhibits/smart-lamppost/")
    assert detail.status_code == 200
    api = client.get("/api/v1/exhibits/smart-lamppost/")
    assert (api.status_code, json.loads(api.content)["title"]) == (
        200,
        "Multi-functional Smart Lampposts",
    )


def test_cache_unpublish_disappears_on_next_request_of_another_worker(
    client, shared_cache, pavilion, another_worker, django_capture_on_commit_callbacks
):
    assert client.get("/exhibits/iam-smart/").status_code == 200
    assert client.get("/exhibits/iam-smart/")["X-Cache"] == "hit"
    assert client.get("/api/v1/exhibits/?zone=smart-living").status_code == 200
    assert client.get("/api/v1/exhibits/?zone=smart-living")["X-Cache"] == "hit"

    with django_capture_on_commit_callbacks(execute=True):
        exhibit_transition(
            exhibit=pavilion["published"],
            action="unpublish",
            user=factories.CuratorFactory(),
            message="Withdrawn by the department.",
        )
    another_worker()

    assert client.get("/exhibits/iam-smart/").status_code == 404
    listing = json.loads(client.get("/api/v1/exhibits/?zone=smart-living").content)
    assert listing["count"] == 0


def test_cache_award_recorded_shows_at_once(
    client, shared_cache, pavilion, django_capture_on_commit_callbacks
):
    client.get("/exhibits/iam-smart/")
    with django_capture_on_commit_callbacks(execute=True):
        Recognition.objects.create(
            award=factories.AwardFactory(name_en="APICTA Awards"),
            exhibit=pavilion["published"],
            year=2024,
            title_en="Award of the Year",
        )
    response = client.get("/exhibits/iam-smart/")
    assert response["X-Cache"] == "miss"
    assert "Award of the Year" in response.content.decode()


def test_cache_image_added_shows_at_once(
    client, shared_cache, pavilion, django_capture_on_commit_callbacks
):
    first = client.get("/api/v1/exhibits/iam-smart/")
    assert json.loads(first.content)["images"] == []
    with django_capture_on_commit_callbacks(execute=True):
        factories.ExhibitImageFactory(exhibit=pavilion["published"])
    images = json.loads(client.get("/api/v1/exhibits/iam-smart/").content)["images"]
    assert len(images) == 1


def test_cache_zone_renamed_shows_at_once(
    client, shared_cache, pavilion, django_capture_on_commit_callbacks
):
    client.get("/zones/smart-living/")
    zone = pavilion["zone"]
    with django_capture_on_commit_callbacks(execute=True):
        zone.name_en = "Smart Living and Wellbeing"
        zone.save()
    assert "Smart Living and Wellbeing" in client.get("/zones/smart-living/").content.decode()


def test_cache_keys_on_language_query_and_htmx(client, shared_cache, pavilion):
    english = client.get("/exhibits/")
    chinese = client.get("/zh-hant/exhibits/")
    assert (english["X-Cache"], chinese["X-Cache"]) == ("miss", "miss")
    assert chinese["Content-Language"] == "zh-hant"
    assert client.get("/exhibits/?zone=smart-living&q=smart")["X-Cache"] == "miss"
    # The same query in another order is the same page.
    assert client.get("/exhibits/?q=smart&zone=smart-living")["X-Cache"] == "hit"
    assert client.get("/exhibits/", headers={"HX-Request": "true"})["X-Cache"] == "miss"
    api_en = client.get("/api/v1/exhibits/iam-smart/?lang=en")
    api_zh = client.get("/api/v1/exhibits/iam-smart/?lang=zh-hant")
    assert (api_en["X-Cache"], api_zh["X-Cache"]) == ("miss", "miss")
    assert client.get("/api/v1/exhibits/iam-smart/?lang=zh-hant")["X-Cache"] == "hit"


def test_cache_keys_on_host_and_scheme_for_the_api_absolute_links(
    client, shared_cache, pavilion, settings
):
    settings.ALLOWED_HOSTS = ["pavilion.example", "www.pavilion.example"]
    path = "/api/v1/exhibits/iam-smart/"
    first = client.get(path, HTTP_HOST="pavilion.example")
    other_host = client.get(path, HTTP_HOST="www.pavilion.example")
    other_scheme = client.get(path, HTTP_HOST="pavilion.example", secure=True)
    assert [r["X-Cache"] for r in (first, other_host, other_scheme)] == ["miss"] * 3
    assert first.json()["api_url"] == "http://pavilion.example/api/v1/exhibits/iam-smart/"
    assert other_host.json()["api_url"].startswith("http://www.pavilion.example/")
    assert other_scheme.json()["api_url"].startswith("https://pavilion.example/")
    assert client.get(path, HTTP_HOST="www.pavilion.example")["X-Cache"] == "hit"


def test_cache_never_for_signed_in_people(client, shared_cache, pavilion):
    client.get("/exhibits/")
    client.force_login(factories.CuratorFactory())
    signed_in = client.get("/exhibits/")
    assert signed_in.status_code == 200
    assert "X-Cache" not in signed_in


def test_cache_never_for_api_tokens(client, shared_cache, pavilion):
    client.get("/api/v1/exhibits/")
    response = client.get("/api/v1/exhibits/", headers={"Authorization": "Bearer nonsense"})
    assert response.status_code == 401
    assert "X-Cache" not in response


def test_cache_etag_of_a_cached_page_answers_304(client, shared_cache, pavilion):
    etag = client.get("/exhibits/iam-smart/")["ETag"]
    again = client.get("/exhibits/iam-smart/", headers={"If-None-Match": etag})
    assert again.status_code == 304
    api_etag = client.get("/api/v1/exhibits/iam-smart/")["ETag"]
    api_again = client.get("/api/v1/exhibits/iam-smart/", headers={"If-None-Match": api_etag})
    assert api_again.status_code == 304


def test_cache_throttle_runs_before_the_cache(client, shared_cache, pavilion, settings):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"anon": "2/min", "user": "100/min"},
    }
    answers = [client.get("/api/v1/exhibits/") for _ in range(3)]
    assert [(a.status_code, a.get("X-Cache")) for a in answers] == [
        (200, "miss"),
        (200, "hit"),
        (429, None),
    ]


def test_cache_off_stores_nothing(client, settings, pavilion):
    settings.PAVILION_PAGE_CACHE = False
    client.get("/exhibits/")
    response = client.get("/exhibits/")
    assert "X-Cache" not in response


def test_cache_version_survives_eviction_with_a_new_number(shared_cache):
    first = public_cache.content_version()
    cache.delete(public_cache.VERSION_KEY)
    second = public_cache.content_version()
    assert second != first
    public_cache.bump_content_version()
    assert public_cache.content_version() == second + 1


def test_cache_images_reordered_show_at_once(
    client, shared_cache, pavilion, django_capture_on_commit_callbacks
):
    from exhibits.services import exhibit_images_reorder

    exhibit = pavilion["published"]
    with django_capture_on_commit_callbacks(execute=True):
        first = factories.ExhibitImageFactory(exhibit=exhibit)
        second = factories.ExhibitImageFactory(exhibit=exhibit)
    before = [image["url"] for image in client.get("/api/v1/exhibits/iam-smart/").json()["images"]]
    with django_capture_on_commit_callbacks(execute=True):
        exhibit_images_reorder(exhibit=exhibit, ordered_ids=[second.pk, first.pk])
    after = [image["url"] for image in client.get("/api/v1/exhibits/iam-smart/").json()["images"]]
    assert after == before[::-1]
    assert first.image.name.rsplit("/", 1)[0] in before[0]


def test_cache_department_renamed_shows_at_once(
    client, shared_cache, pavilion, django_capture_on_commit_callbacks
):
    department = pavilion["published"].lead_department
    assert department.name_en in client.get("/exhibits/iam-smart/").content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        department.name_en = "Digital Policy Office (DPO)"
        department.save()
    assert "Digital Policy Office (DPO)" in client.get("/exhibits/iam-smart/").content.decode()


# The data cache: the list's filter choices and its cards (exhibits/cards.py), kept under
# the same content version. The page cache is off here so every request reaches them.


@pytest.fixture
def data_cache(shared_cache, settings):
    settings.PAVILION_PAGE_CACHE = False
    return shared_cache


def cards_html(response) -> list[str]:
    return [card.html for card in response.context["cards"]]


def test_data_cache_list_pages_reuse_cards_and_choices(
    client, data_cache, pavilion, django_assert_num_queries
):
    first = client.get("/exhibits/?zone=smart-living")
    # Another filter, another sort: only the edition, the count and the page's keys.
    with django_assert_num_queries(3):
        second = client.get("/exhibits/?zone=smart-living&ordering=-title&q=smart")
    assert second.status_code == 200
    assert "X-Cache" not in second
    assert cards_html(second) == cards_html(first)
    assert [card.slug for card in second.context["cards"]] == ["iam-smart"]
    assert "iAM Smart" in second.content.decode()


def test_data_cache_publish_shows_card_and_count_on_another_worker(
    client, data_cache, pavilion, another_worker, django_capture_on_commit_callbacks
):
    before = client.get("/exhibits/").content.decode()
    assert "Multi-functional Smart Lampposts" not in before
    assert '<span class="count">(1)</span>' in before
    with django_capture_on_commit_callbacks(execute=True):
        exhibit_transition(
            exhibit=pavilion["approved"], action="publish", user=factories.CuratorFactory()
        )
    another_worker()
    after = client.get("/exhibits/").content.decode()
    assert "Multi-functional Smart Lampposts" in after
    assert '<span class="count">(2)</span>' in after


def test_data_cache_edited_title_and_renamed_zone_show_at_once(
    client, data_cache, pavilion, django_capture_on_commit_callbacks
):
    assert "iAM Smart" in client.get("/exhibits/").content.decode()
    exhibit, zone = pavilion["published"], pavilion["zone"]
    with django_capture_on_commit_callbacks(execute=True):
        exhibit.title_en = "iAM Smart, the one-stop app"
        exhibit.save()
    assert "iAM Smart, the one-stop app" in client.get("/exhibits/").content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        zone.name_en = "Smart Living and Wellbeing"
        zone.save()
    (card,) = client.get("/exhibits/").context["cards"]
    assert "Smart Living and Wellbeing" in card.html


def test_data_cache_keeps_each_language_apart(client, data_cache, pavilion):
    exhibit = pavilion["published"]
    exhibit.title_zh_hant = "智方便"
    exhibit.title_zh_hans = ""
    exhibit.save()
    client.get("/exhibits/")
    simplified = client.get("/zh-hans/exhibits/")
    again = client.get("/zh-hans/exhibits/")
    html = again.content.decode()
    assert "智方便" in html and 'lang="zh-Hans"' in html
    assert 'class="converted-note"' in simplified.content.decode()
    # The note comes from the cached card as well.
    assert again.context["converted"] is True
    assert 'class="converted-note"' in html


def test_data_cache_that_does_not_answer_still_renders_the_list(client, settings, pavilion):
    # A real Redis client pointed at a port where nothing listens: every call fails.
    settings.CACHES = {
        "default": {
            "BACKEND": "pavilion.redis_cache.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
        }
    }
    settings.PAVILION_PAGE_CACHE = True
    settings.PAVILION_DATA_CACHE = True
    response = client.get("/exhibits/?zone=smart-living")
    assert response.status_code == 200
    assert [card.slug for card in response.context["cards"]] == ["iam-smart"]
    assert '<span class="count">(1)</span>' in response.content.decode()


def test_remember_many_builds_only_what_is_missing(data_cache):
    built: list[list[int]] = []

    def build(keys: list[int]) -> dict[int, str]:
        built.append(keys)
        return {key: f"value {key}" for key in keys if key != 3}

    first = public_cache.remember_many("test", [1, 2, 3], build)
    second = public_cache.remember_many("test", [2, 3, 4], build)
    assert first == {1: "value 1", 2: "value 2"}
    assert second == {2: "value 2", 4: "value 4"}
    # 3 was never built into a value, so it is asked for again.
    assert built == [[1, 2, 3], [3, 4]]
    public_cache.bump_content_version()
    public_cache.remember_many("test", [1], build)
    assert built[-1] == [1]


def test_refresh_public_cache_command_makes_every_entry_a_miss(client, shared_cache, pavilion):
    from io import StringIO

    from django.core.management import call_command

    client.get("/exhibits/")
    assert client.get("/exhibits/")["X-Cache"] == "hit"
    out = StringIO()
    call_command("refresh_public_cache", stdout=out)
    assert "Public cache refreshed" in out.getvalue()
    assert client.get("/exhibits/")["X-Cache"] == "miss"
