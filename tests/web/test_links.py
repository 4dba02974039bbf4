"""The search page's links, made with its parameters quoted once, are the links :func:`page_url` makes.

:func:`scraper.web.links.page_urls` exists for speed only (a page makes ~130 links); any difference
from the plain ``urlencode`` version would be a wrong link, so the two are compared on random
searches (Swedish letters, spaces, ``&``, ``=``, ``+``, quotes) and random changes.
"""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from scraper.web.filters import SearchRequest
from scraper.web.links import page_url, page_urls

TEXT = st.text(alphabet="abcåäöé &=+#%\"'/-*", max_size=12)
VALUES = st.one_of(TEXT, st.sampled_from(["", "2024-05", "1", "sv"]), st.integers(0, 5), st.none())
NAMES = st.sampled_from(
    ["q", "kind", "sort", "municipality", "year", "language", "date_from", "date_to", "page"]
)


@given(
    req=st.builds(SearchRequest, q=TEXT, kind=st.sampled_from(["articles", "quotes"]),
                  sort=st.sampled_from(["relevance", "newest", "oldest"]), municipality=TEXT, year=TEXT,
                  language=TEXT, date_from=TEXT, date_to=TEXT, page=st.integers(1, 40)),
    changes=st.lists(st.dictionaries(NAMES, VALUES, max_size=3), min_size=1, max_size=4),
)  # fmt: skip
def test_links_quoted_once_are_the_plain_links(req: SearchRequest, changes: list[dict[str, object]]) -> None:
    url = page_urls(req)
    for change in changes:
        assert url(**change) == page_url(req, **change)


def test_a_link_keeps_the_search_and_goes_back_to_page_one() -> None:
    req = SearchRequest(q="förskola & fritids", sort="newest", municipality="norrby", page=3)
    url = page_urls(req)
    assert (
        url(year="2024")
        == "/-/search?q=f%C3%B6rskola+%26+fritids&kind=articles&sort=newest&municipality=norrby&year=2024"
    )
    assert url(page=4).endswith("&municipality=norrby&page=4")
    assert url(municipality="") == "/-/search?q=f%C3%B6rskola+%26+fritids&kind=articles&sort=newest"
