"""Paging a filtered catalogue: choose the page's rows by key, then load only those rows.

A page of 24 exhibits out of thousands is chosen by sorting every match. Sorting whole
rows (long descriptions in three languages, joined zone, department and booth) costs far
more than sorting keys: on PostgreSQL the ``exhibit_public_list`` index holds everything
the filter, the order and the key need, so the sort reads the index alone. The page's
rows are then loaded whole — with the queryset's joins, prefetches and order — by
``pk IN (the page's keys)``, one query like before: the query count stays the same.
"""

from __future__ import annotations

from django.core.paginator import Paginator


class KeysFirstPaginator(Paginator):
    """A Paginator over a queryset that picks a page's rows by primary key first.

    ``object_list`` is the full queryset (filters, order, ``select_related``,
    ``prefetch_related``). Counting already ignores the joins it does not need; a page is
    ``object_list.filter(pk__in=<the sliced, ordered keys>)``, in the same order.
    """

    def _get_page(self, object_list, number, paginator):
        keys = object_list.values("pk")
        return super()._get_page(self.object_list.filter(pk__in=keys), number, paginator)
