"""The vocabulary of the template registry: every table's rows and columns; agency keys."""

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


@cache
def identity_labels() -> dict[str, tuple[str, str]]:
    """Each identity checked, by key: its formula as the template words it, and in English
    (``"review_litigation.row_total"`` → ``("总计 = 结果维持 + …", "Total = upheld + …")``)."""
    return {key: (label, label_en) for key, label, label_en in _ogi.identities()}


def agency_key(name: str, region: str | None = None) -> dict[str, Any] | None:
    """The canonical key of an agency's name: one key for one body across years and spellings.

    The rules (ogi-model's ``agency::KEY_RULES``, each documented there) fold traditional
    characters, spacing and punctuation, 管理委员会 into 管委会 and 人民政府 into 政府, write the
    place a name begins with as the division list has it (a county after its prefecture), and
    key a place's government by the place. Reports carry the same key as
    ``report.meta["agency_key"]``.

    Parameters
    ----------
    name : str
        The agency's name as a report gives it.
    region : str, optional
        The place the report names, for a name relative to it (``市政务服务管理局``).

    Returns
    -------
    dict or None
        ``{"key", "level", "division_code", "division"}``: the key; the body's tier
        (``"province"``, ``"city"``, ``"county"``, ``"district"``, ``"township"``,
        ``"department"``, or ``None`` where the name does not tell); the six-digit GB/T 2260
        code of the division the name places it in and that division's full name (``None``
        unless exactly one division fits). ``None`` for a name with no key: empty, or
        relative to a place not given.

    Examples
    --------
    >>> import ogi
    >>> ogi.agency_key("平潭综合实验区管理委员会")["key"]
    '平潭综合实验区'
    >>> ogi.agency_key("洪泽区人民政府")
    {'key': '淮安市洪泽区', 'level': 'district', 'division_code': '320813', 'division': '江苏省淮安市洪泽区'}
    >>> ogi.agency_key("市政务服务管理局", region="昭通市")["key"]
    '昭通市政务服务管理局'
    >>> ogi.agency_key("市政务服务管理局") is None
    True
    """
    return _ogi.agency_key(name, region)
