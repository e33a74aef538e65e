"""Public pages (included under i18n_patterns by pavilion.urls): the home page, zones,
exhibits and departments."""

from django.urls import path

from exhibits import department_views, edition_views, fair, feeds, open_data, shortlist, views

urlpatterns = [
    path("", edition_views.home, name="home"),
    path("zones/<slug:slug>/", edition_views.zone_detail, name="zone_detail"),
    path("exhibits/", views.exhibit_list, name="exhibit_list"),
    path("exhibits/<slug:slug>/", views.exhibit_detail, name="exhibit_detail"),
    # Demonstration feeds (exhibits.feeds): English here, Chinese under the prefixes.
    path("exhibits/<slug:slug>/demos.ics", feeds.exhibit_demos_ics, name="exhibit_demos_ics"),
    path("zones/<slug:slug>/demos.ics", feeds.zone_demos_ics, name="zone_demos_ics"),
    path("demos.ics", feeds.pavilion_demos_ics, name="demos_ics"),
    # At the fair (exhibits.fair): where things are, what is on.
    path("floor-plan/", fair.floor_plan, name="floor_plan"),
    path("whats-on/", fair.whats_on, name="whats_on"),
    path("open-data/", open_data.open_data_page, name="open_data"),
    # My list (exhibits.shortlist): /my-list/?e=slug1,slug2 names the exhibits.
    path("my-list/", shortlist.shortlist, name="shortlist"),
    path("my-list/qr.svg", shortlist.shortlist_qr, name="shortlist_qr"),
    path(
        "editions/<slug:edition>/exhibits/<slug:slug>/",
        views.edition_exhibit_detail,
        name="edition_exhibit_detail",
    ),
    path("departments/", department_views.department_list, name="department_list"),
    path(
        "departments/<slug:slug>/",
        department_views.department_detail,
        name="department_detail",
    ),
]
