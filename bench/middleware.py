"""Benchmark-only: count the SQL queries of each request into an ``X-Queries`` header.

Enabled by PAVILION_COUNT_QUERIES=true (pavilion/settings.py puts it outermost, so it
counts every query of the request, middleware included). Never on in production.
"""

from __future__ import annotations

from django.db import connections


class QueryCountMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        count = 0

        def counter(execute, sql, params, many, context):
            nonlocal count
            count += 1
            return execute(sql, params, many, context)

        with connections["default"].execute_wrapper(counter):
            response = self.get_response(request)
        response["X-Queries"] = str(count)
        return response
