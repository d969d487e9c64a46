"""The vocabulary of the template registry: every table's rows and columns."""

from __future__ import annotations

from functools import cache
from typing import Any

from ogi import _ogi


@cache
def vocabulary() -> dict[str, Any]:
    """The tables ogi reads, with their rows and columns in template order.

    Returns
    -------
    dict
        One entry per table (``meta``, ``proactive``, ``requests``, ``review_litigation``,
        ``legacy``, ``narrative``): a dict with ``label`` (the table's Chinese title),
        ``label_en`` (its English title), ``rows`` and ``columns`` (``(key, label)`` pairs in
        template order), and ``registry`` (``{"rows": [...], "columns": [...]}``: the template
        registry's entries, each a dict with ``key``, ``label``, ``label_en`` (the standard
        English rendering of the label), ``aliases`` (other labels reports print),
        ``generations`` (``"2019"``, ``"2021"``, ``"legacy"``: the templates that print it),
        ``unit`` and ``identities`` (the ids of the table's identities it takes part in,
        ``"requests.balance"``)). ``ogi vocab`` prints the same entries as a data dictionary.
        ``requests`` also has ``groups``, each row's group (``outcomes``, ``denied``, …), and
        ``outcomes``, the rows that add up to (七)总计. The same dict is returned on every
        call: copy it before changing it.

    Examples
    --------
    >>> import ogi
    >>> voc = ogi.vocabulary()
    >>> list(voc)
    ['meta', 'proactive', 'requests', 'review_litigation', 'legacy', 'narrative']
    >>> voc["review_litigation"]["rows"]
    [('review', '行政复议'), ('litigation_direct', '行政诉讼·未经复议直接起诉'), ('litigation_after_review', '行政诉讼·复议后起诉')]
    >>> [column for column, _ in voc["review_litigation"]["columns"]]
    ['upheld', 'corrected', 'other', 'pending', 'total']
    >>> voc["requests"]["registry"]["rows"][0]["label_en"]
    'New requests received this year'
    """
    return _ogi.vocabulary()
