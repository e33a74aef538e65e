"""The back-office's home page: the review queue (exhibits' ``review_tags``) and the
curators' dashboard (``curation/templatetags/dashboard_tags.py``), then the models.

Set here rather than in ``pavilion/admin.py``: the page needs the exhibits' and the
curators' template tags, and pavilion uses no other app.
"""

from django.contrib import admin

admin.site.index_template = "admin/pavilion_index.html"
