"""The installable web app (pavilion.pwa): manifest, service worker script, offline page."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from PIL import Image

from pavilion.cache import content_version

pytestmark = pytest.mark.django_db

ICONS = Path(__file__).resolve().parents[2] / "pavilion" / "static" / "pavilion" / "icons"


def worker_config(response) -> dict:
    match = re.search(r"^const CONFIG = (\{.*\});$", response.content.decode(), re.M)
    assert match, response.content[:300]
    return json.loads(match.group(1))


def test_manifest_names_the_app_its_icons_and_colours(client, edition):
    response = client.get("/manifest.webmanifest")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/manifest+json"
    manifest = json.loads(response.content)
    assert manifest == {
        "id": "/",
        "name": "Smart Hong Kong Pavilion",
        "short_name": "HK Pavilion",
        "description": (
            "The Smart Hong Kong Pavilion: technology solutions from government departments, "
            "public bodies, universities, companies and student teams."
        ),
        "lang": "en",
        "dir": "ltr",
        "start_url": "/",
        "scope": "/",
        "display": "standalone",
        "theme_color": "#083b6a",
        "background_color": "#ffffff",
        "icons": [
            {
                "src": "/static/pavilion/icons/icon-192.png",
                "sizes": "192x192",
                "type": "image/png",
                "purpose": "any",
            },
            {
                "src": "/static/pavilion/icons/icon-512.png",
                "sizes": "512x512",
                "type": "image/png",
                "purpose": "any",
            },
            {
                "src": "/static/pavilion/icons/icon-maskable-512.png",
                "sizes": "512x512",
                "type": "image/png",
                "purpose": "maskable",
            },
        ],
    }


@pytest.mark.parametrize(
    ("lang", "name", "short_name", "start_url"),
    [
        ("zh-hant", "智慧香港展館", "香港展館", "/zh-hant/"),
        ("zh-hans", "智慧香港展馆", "香港展馆", "/zh-hans/"),
        ("klingon", "Smart Hong Kong Pavilion", "HK Pavilion", "/"),
    ],
)
def test_manifest_speaks_the_visitors_language(client, edition, lang, name, short_name, start_url):
    manifest = json.loads(client.get(f"/manifest.webmanifest?lang={lang}").content)
    assert (manifest["name"], manifest["short_name"], manifest["start_url"]) == (
        name,
        short_name,
        start_url,
    )
    assert manifest["lang"] == (lang if lang != "klingon" else "en")


def test_icons_are_pngs_of_their_stated_size():
    sizes = {}
    for name in ("icon-192.png", "icon-512.png", "icon-maskable-512.png"):
        with Image.open(ICONS / name) as image:
            sizes[name] = (image.format, image.size)
    assert sizes == {
        "icon-192.png": ("PNG", (192, 192)),
        "icon-512.png": ("PNG", (512, 512)),
        "icon-maskable-512.png": ("PNG", (512, 512)),
    }
    with Image.open(ICONS / "icon-maskable-512.png") as image:
        # Maskable: full bleed (no transparent corner), the theme colour at the edge.
        assert image.convert("RGBA").getpixel((0, 0)) == (8, 59, 106, 255)


def test_service_worker_is_served_from_the_root_never_cached_by_the_browser(client, edition):
    response = client.get("/sw.js?lang=en")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/javascript; charset=utf-8"
    assert response["Cache-Control"] == "no-cache"
    assert response["Service-Worker-Allowed"] == "/"
    assert "Set-Cookie" not in response
    config = worker_config(response)
    assert config["version"] == str(content_version())
    assert config["pages"] == [
        "/",
        "/exhibits/",
        "/floor-plan/",
        "/whats-on/",
        "/my-list/",
        "/offline/",
    ]
    assert config["offline"] == "/offline/"
    assert config["static"] == [
        "/static/css/site.css",
        "/static/js/visitor.js",
        "/static/pavilion/icons/icon-192.png",
    ]
    assert config["neverCached"] == [
        "/admin/",
        "/portal/",
        "/api/",
        "/healthz",
        "/sw.js",
        "/manifest.webmanifest",
    ]
    assert config["languagePrefixes"] == ["/zh-hant", "/zh-hans"]
    # The template's own syntax is gone from the script.
    assert "{%" not in response.content.decode()


def test_service_worker_precaches_the_visitors_language(client, edition):
    config = worker_config(client.get("/sw.js?lang=zh-hant"))
    assert config["pages"] == [
        "/zh-hant/",
        "/zh-hant/exhibits/",
        "/zh-hant/floor-plan/",
        "/zh-hant/whats-on/",
        "/zh-hant/my-list/",
        "/zh-hant/offline/",
    ]
    assert config["offline"] == "/zh-hant/offline/"
    assert worker_config(client.get("/sw.js?lang=<x>"))["language"] == "en"


def test_service_worker_changes_when_content_changes(
    client, edition, django_capture_on_commit_callbacks
):
    before = client.get("/sw.js?lang=en").content
    assert client.get("/sw.js?lang=en").content == before
    edition.venue_en = "Hong Kong Convention and Exhibition Centre, Hall 3"
    with django_capture_on_commit_callbacks(execute=True):
        edition.save()
    after = client.get("/sw.js?lang=en")
    assert after.content != before
    assert (
        int(worker_config(after)["version"])
        == int(re.search(rb'"version": "(\d+)"', before).group(1)) + 1
    )


def test_pages_link_the_manifest_and_the_script(client, edition):
    html = client.get("/zh-hans/").content.decode()
    assert '<link rel="manifest" href="/manifest.webmanifest?lang=zh-hans">' in html
    assert '<meta name="theme-color" content="#083b6a">' in html
    assert re.search(
        r'<script src="/static/js/visitor\.js" data-worker="/sw\.js\?lang=zh-hans" defer>', html
    )
    english = client.get("/").content.decode()
    assert '<link rel="manifest" href="/manifest.webmanifest">' in english


@pytest.mark.parametrize(
    ("url", "heading"),
    [("/offline/", "You are offline"), ("/zh-hant/offline/", "你已離線")],
)
def test_offline_page_in_each_language(client, edition, url, heading):
    response = client.get(url)
    assert response.status_code == 200
    assert f"<h1>{heading}</h1>" in response.content.decode()
    assert '<meta name="robots" content="noindex">' in response.content.decode()


def test_offline_page_and_worker_need_no_query(client, edition, django_assert_num_queries):
    with django_assert_num_queries(0):
        assert client.get("/offline/").status_code == 200
        assert client.get("/sw.js").status_code == 200
        assert client.get("/manifest.webmanifest").status_code == 200


def test_worker_and_manifest_refuse_post(client, edition):
    assert client.post("/sw.js").status_code == 405
    assert client.post("/manifest.webmanifest").status_code == 405
