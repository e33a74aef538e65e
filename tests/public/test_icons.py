"""The site's icons: /favicon.ico answers, every page links the SVG, ICO and touch icons."""

from __future__ import annotations

import pytest
from django.contrib.staticfiles import finders
from PIL import Image

ICON_LINKS = [
    '<link rel="icon" href="/static/icons/favicon.ico" sizes="48x48">',
    '<link rel="icon" href="/static/icons/favicon.svg" type="image/svg+xml">',
    '<link rel="apple-touch-icon" href="/static/icons/apple-touch-icon.png">',
]


def test_favicon_ico_redirects_to_the_static_icon(client, db):
    response = client.get("/favicon.ico")

    assert (response.status_code, response["Location"]) == (302, "/static/icons/favicon.ico")


def test_favicon_ico_refuses_a_post(client, db):
    assert client.post("/favicon.ico").status_code == 405


def test_icon_files_are_what_the_links_say():
    with Image.open(finders.find("icons/favicon.ico")) as ico:
        assert (ico.format, sorted(ico.info["sizes"])) == ("ICO", [(16, 16), (32, 32), (48, 48)])
    with Image.open(finders.find("icons/apple-touch-icon.png")) as touch:
        assert (touch.format, touch.size, touch.mode) == ("PNG", (180, 180), "RGB")
    with open(finders.find("icons/favicon.svg"), encoding="utf-8") as svg:
        assert svg.read().startswith('<svg xmlns="http://www.w3.org/2000/svg"')


@pytest.mark.parametrize(
    "path", ["/", "/exhibits/", "/zh-hant/exhibits/iam-smart/", "/zh-hans/awards/", "/nowhere/"]
)
def test_pages_link_the_icons(client, catalogue, path):
    html = client.get(path).content.decode()

    assert [link in html for link in ICON_LINKS] == [True, True, True]
