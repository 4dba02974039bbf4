"""Edits and removals where people look (issue 14 item 7), and the human query pages' cells (item 8).

A small archive with a silent edit (a second capture that reads differently) in Ekeby, one in
Norrby, and a removed article in each: the article page's banner, the search hits' badges, the
Atom feeds of edits and removals (valid RFC 4287, per municipality and overall, linked from the
pages), the cells of the edited, removed and crawl health pages, and the diff page's words.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from datasette.app import Datasette

from scraper.archive import Archive
from scraper.items import Article
from scraper.web.cells import TEXT_CHARS, human_cell
from scraper.web.serve import make_datasette
from tests.helpers import datasette_get as get

ATOM = "{http://www.w3.org/2005/Atom}"
LONG_TITLE = "Kommunfullmäktige beslutar om " + "en mycket lång rubrik " * 8 + "<b>slut</b>"


def _capture(url: str, n: int, fetched: str) -> dict[str, Any]:
    return {"url": url, "fetched_at": fetched, "status": 200, "payload_sha256": f"{n}" * 64,
            "warc_file": "missing.warc.gz", "warc_offset": 0, "warc_length": 1,
            "warc_record_id": f"<urn:uuid:00000000-0000-0000-0000-00000000000{n}>"}  # fmt: skip


def _edited(archive: Archive, url: str, municipality: str, title: str, n: int) -> None:
    """Two captures of one article that read differently: the first becomes revision 1."""
    for i, (body, fetched) in enumerate(
        [("Simhallen stänger i tre veckor.", "2026-01-05T08:00:00Z"),
         ("Simhallen stänger i fyra veckor från den 2 mars.", "2026-01-20T08:00:00Z")]
    ):  # fmt: skip
        archive.save_article(
            Article(
                url=url,
                municipality_id=municipality,
                title=title,
                lead="Badet renoveras.",
                body=body,
                published="2026-01-04",
                language="sv",
                fetched_at=fetched,
                capture=_capture(url, n * 2 + i, fetched),
            )
        )


@pytest.fixture(scope="module")
def ds(tmp_path_factory: pytest.TempPathFactory) -> Datasette:
    path: Path = tmp_path_factory.mktemp("edits") / "archive.db"
    with Archive(path) as archive:
        archive.save_municipalities(
            [{"id": "ekeby", "name": "Ekeby kommun", "country": "SE"},
             {"id": "norrby", "name": "Norrby kommun", "country": "SE"}]
        )  # fmt: skip
        _edited(archive, "https://www.ekeby.se/nyheter/simhallen", "ekeby", "Simhallen stänger", 1)
        _edited(archive, "https://www.norrby.se/nyheter/bad", "norrby", LONG_TITLE, 2)
        for mid in ("ekeby", "norrby"):
            url = f"https://www.{mid}.se/nyheter/borta"
            archive.save_article(
                Article(
                    url=url,
                    municipality_id=mid,
                    title=f"Borta i {mid} & <nu>",
                    body="Sidan finns inte kvar.",
                    published="2026-01-02",
                    language="sv",
                    fetched_at="2026-01-03T00:00:00Z",
                )
            )
            archive.mark_removed(url, "2026-02-01T00:00:00Z", "HTTP 404")
        archive.refresh_terms()
    return make_datasette(path)


def _article_id(ds: Datasette, url_part: str) -> int:
    rows = get(
        ds, f"/archive.json?sql=select+id+from+articles+where+url+like+'%25{url_part}%25'&_shape=array"
    )
    return rows.json()[0]["id"]


def _valid_atom(text: str) -> ET.Element:
    """The feed parsed, after checking what RFC 4287 requires of a feed and of each entry."""
    feed = ET.fromstring(text.encode())
    assert feed.tag == f"{ATOM}feed"
    for required in ("id", "title", "updated"):
        assert len(feed.findall(f"{ATOM}{required}")) == 1, required
    assert feed.find(f"{ATOM}link[@rel='self']") is not None
    has_author = feed.find(f"{ATOM}author/{ATOM}name") is not None
    for entry in feed.findall(f"{ATOM}entry"):
        for required in ("id", "title", "updated"):
            assert len(entry.findall(f"{ATOM}{required}")) == 1, required
        assert has_author or entry.find(f"{ATOM}author/{ATOM}name") is not None
        assert entry.find(f"{ATOM}link[@rel='alternate']") is not None
        assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", entry.findtext(f"{ATOM}updated") or "")
        datetime.fromisoformat((entry.findtext(f"{ATOM}updated") or "").replace("Z", "+00:00"))
    ids = [e.findtext(f"{ATOM}id") for e in feed.findall(f"{ATOM}entry")]
    assert len(ids) == len(set(ids))  # every entry its own id
    return feed


@pytest.mark.parametrize("kind", ["edited", "removed"])
def test_feeds_of_edits_and_removals_are_valid_atom_overall_and_per_municipality(
    ds: Datasette, kind: str
) -> None:
    everything = get(ds, f"/-/feeds/{kind}.atom")
    assert everything.status_code == 200
    assert everything.headers["content-type"].startswith("application/atom+xml")
    feed = _valid_atom(everything.text)
    assert len(feed.findall(f"{ATOM}entry")) == 2
    one = _valid_atom(get(ds, f"/-/feeds/{kind}.atom?municipality=norrby").text)
    entries = one.findall(f"{ATOM}entry")
    assert len(entries) == 1
    assert "Norrby kommun" in (one.findtext(f"{ATOM}title") or "")
    assert entries[0].findtext(f"{ATOM}author/{ATOM}name") == "Norrby kommun"
    link = entries[0].find(f"{ATOM}link[@rel='alternate']").get("href")
    assert get(ds, link.split("localhost", 1)[-1]).status_code == 200  # the entry's page exists
    none = _valid_atom(get(ds, f"/-/feeds/{kind}.atom?municipality=nowhere").text)
    assert none.findall(f"{ATOM}entry") == []  # an empty feed is still a feed


def test_feed_entries_are_escaped_and_point_at_the_diff(ds: Datasette) -> None:
    removed = _valid_atom(get(ds, "/-/feeds/removed.atom?municipality=ekeby").text)
    assert removed.find(f"{ATOM}entry/{ATOM}title").text == "Removed: Borta i ekeby & <nu>"
    edited = _valid_atom(get(ds, "/-/feeds/edited.atom?municipality=ekeby").text)
    entry = edited.find(f"{ATOM}entry")
    assert re.search(r"/-/diff/\d+$", entry.find(f"{ATOM}link[@rel='alternate']").get("href"))
    assert entry.findtext(f"{ATOM}updated") == "2026-01-20T08:00:00Z"  # when the edit was found
    assert "1 word removed" in entry.findtext(f"{ATOM}summary") or "words removed" in entry.findtext(
        f"{ATOM}summary"
    )
    assert get(ds, "/-/feeds/changed.atom").status_code == 404


def test_edited_article_has_a_banner_with_the_date_and_the_diff(ds: Datasette) -> None:
    page = get(ds, f"/archive/articles/{_article_id(ds, 'ekeby.se/nyheter/simhallen')}").text
    banner = re.search(r'<p class="mn-banner edited".*?</p>', page, re.S)
    assert banner, page[:3000]
    assert "2026-01-20" in banner.group(0)
    diff = re.search(r'href="(/-/diff/\d+)"', banner.group(0)).group(1)
    assert get(ds, diff).status_code == 200
    assert 'href="/-/feeds/edited.atom?municipality=ekeby"' in page
    assert re.search(
        r'<link rel="alternate" type="application/atom\+xml"[^>]*edited\.atom\?municipality=ekeby', page
    )
    assert '<div class="body" lang="sv">' in page  # the article's own language on its text


def test_removed_article_banner_links_its_feed(ds: Datasette) -> None:
    page = get(ds, f"/archive/articles/{_article_id(ds, 'ekeby.se/nyheter/borta')}").text
    assert 'class="message-warning mn-banner removed"' in page and "2026-02-01" in page
    assert "/-/feeds/removed.atom?municipality=ekeby" in page
    assert 'class="mn-banner edited"' not in page


def test_search_hits_carry_edited_and_removed_badges(ds: Datasette) -> None:
    page = get(ds, "/-/search?q=simhallen&municipality=ekeby").text
    assert '<span class="mn-badge edited">edited</span>' in page
    assert '<p class="snippet" lang="sv">' in page  # each hit's text in its own language
    assert "mn-badge removed" not in page
    gone = get(ds, "/-/search?q=sidan").text
    assert gone.count('<span class="mn-badge removed">removed</span>') == 2


def test_snippet_does_not_repeat_a_headline_that_holds_the_match(ds: Datasette) -> None:
    page = get(ds, "/-/search?q=stänger&municipality=ekeby").text  # in the title and in the body
    snippet = re.search(r'<p class="snippet"[^>]*>(.*?)</p>', page, re.S).group(1)
    assert "Simhallen <mark>stänger</mark> i fyra" in snippet  # the body's match, not the title again
    only_title = get(ds, "/-/search?q=borta&municipality=ekeby").text  # in the title only
    snippet = re.search(r'<p class="snippet"[^>]*>(.*?)</p>', only_title, re.S).group(1)
    assert "Borta" not in snippet and "Sidan finns inte kvar" in snippet


@pytest.mark.parametrize("name", ["edited_articles", "removed_articles"])
def test_edited_and_removed_pages_link_their_feeds_and_articles(ds: Datasette, name: str) -> None:
    kind = name.split("_")[0]
    page = get(ds, f"/archive/{name}").text
    assert f'<link rel="alternate" type="application/atom+xml" title="{kind.capitalize()} articles" ' in page
    assert f'<a class="feed" href="/-/feeds/{kind}.atom">' in page
    narrowed = get(ds, f"/archive/{name}?municipality=norrby").text
    assert f'href="/-/feeds/{kind}.atom?municipality=norrby"' in narrowed
    assert re.search(r'<td class="col-title"><a href="/archive/articles/\d+"', page)  # titles link
    assert 'tabindex="0" role="region"' in page  # the table's scroll box is reachable by keyboard


def test_long_titles_are_cut_with_the_whole_title_kept() -> None:
    row = {"article_id": 7, "title": LONG_TITLE}
    cell = str(human_cell(row, LONG_TITLE, "title", None, "archive"))
    text = re.sub(r"<[^>]+>", "", cell)
    assert len(text) <= TEXT_CHARS and text.endswith("…")
    assert (
        'href="/archive/articles/7"' in cell and "&lt;b&gt;slut&lt;/b&gt;" in cell
    )  # escaped, whole in title
    assert human_cell(row, LONG_TITLE, "title", "articles", "archive") is None  # table pages: Datasette's own


def test_cells_link_municipalities_mail_and_phones() -> None:
    health = {"id": "ekeby", "name": "Ekeby kommun", "last_status": "ok"}
    assert 'href="/archive/municipalities/ekeby"' in str(
        human_cell(health, "Ekeby kommun", "name", None, "archive")
    )
    removed = {"municipality_id": "ekeby", "municipality": "Ekeby kommun"}
    assert 'href="/-/search?municipality=ekeby&amp;sort=newest"' in str(
        human_cell(removed, "Ekeby kommun", "municipality", None, "archive")
    )
    assert 'href="mailto:eva@ekeby.se"' in str(human_cell({}, "eva@ekeby.se", "email", None, "archive"))
    assert 'href="tel:+4612345678"' in str(human_cell({}, "+46 12 34 56 78", "phone", None, "archive"))
    url = "https://www.ekeby.se/" + "a" * 100
    cell = str(human_cell({}, url, "news_url", None, "archive"))
    assert f'href="{url}"' in cell and "…</a>" in cell
    assert human_cell({}, "kort text", "note", None, "archive") is None


def test_people_cells_link_to_the_person_with_e164_phones() -> None:
    contact = {"name": "Eva Ek", "person_id": 12, "email": "eva@ekeby.se", "phone": "+46701234567"}
    assert 'href="/archive/people/12"' in str(human_cell(contact, "Eva Ek", "name", None, "archive"))
    quote = {"speaker": "Eva Ek", "person_id": 12}
    assert 'href="/archive/people/12"' in str(human_cell(quote, "Eva Ek", "speaker", None, "archive"))
    assert human_cell({"speaker": "Eva Ek", "person_id": None}, "Eva Ek", "speaker", None, "archive") is None
    phone = str(human_cell(contact, "+46701234567", "phone", None, "archive"))
    assert 'href="tel:+46701234567"' in phone and ">+46 70 123 45 67</a>" in phone  # grouped to read
    # Written with spaces or a dash: the link is still E.164. Without a country code it is no link.
    assert 'href="tel:+4687654321"' in str(human_cell({}, "+46 8-765 43 21", "phone", None, "archive"))
    assert human_cell({}, "070-123 45 67", "phone", None, "archive") is None
    # Table pages that list people: names, e-mails and phones link there too; other tables do not change.
    people_row = {"id": 12, "name": "Eva Ek", "email": "eva@ekeby.se"}
    assert 'href="/archive/people/12"' in str(human_cell(people_row, "Eva Ek", "name", "people", "archive"))
    assert 'href="/archive/people/12"' in str(human_cell(contact, "Eva Ek", "name", "contacts", "archive"))
    expanded = {"name": "Eva Ek", "person_id": {"value": 12, "label": "Eva Ek"}}  # Datasette's FK labels
    assert 'href="/archive/people/12"' in str(human_cell(expanded, "Eva Ek", "name", "contacts", "archive"))
    assert 'href="mailto:eva@ekeby.se"' in str(
        human_cell(contact, "eva@ekeby.se", "email", "contacts", "archive")
    )
    assert 'href="tel:+46701234567"' in str(human_cell(contact, "+46701234567", "phone", "people", "archive"))
    assert human_cell(contact, "Eva Ek", "name", "municipalities", "archive") is None
    assert human_cell({"article_id": 3}, "En rubrik", "title", "quotes", "archive") is None  # Datasette's own


def test_crawl_health_names_link_to_the_municipality(ds: Datasette) -> None:
    page = get(ds, "/archive/crawl_health").text
    assert '<td class="col-name"><a href="/archive/municipalities/ekeby">Ekeby kommun</a></td>' in page


def test_diff_page_counts_one_word_in_the_singular(ds: Datasette) -> None:
    from scraper.web.capture import words

    assert [words(0), words(1), words(2), words(None), words(1200)] == [
        "0 words", "1 word", "2 words", "0 words", "1,200 words"
    ]  # fmt: skip
    revision = get(ds, "/archive.json?sql=select+id+from+revisions+order+by+id+limit+1&_shape=array").json()
    page = get(ds, f"/-/diff/{revision[0]['id']}").text
    assert "<html lang='en'>" in page and "<main>" in page
    assert re.search(r"\d+ words? removed", page) and "1 words" not in page
    assert "href='//" not in page  # paths, not protocol-relative URLs to a host named "archive"


def test_municipality_page_links_its_feeds(ds: Datasette) -> None:
    page = get(ds, "/archive/municipalities/norrby").text
    for feed in ("/-/feeds/edited.atom?municipality=norrby", "/-/feeds/removed.atom?municipality=norrby"):
        assert f'href="{feed}">' in page
    assert '<a href="/archive/removed_articles?municipality=norrby">list</a>' in page


def test_capture_banner_goes_after_the_body_tag_in_any_ascii_charset() -> None:
    from scraper.web.capture import capture_banner, with_banner

    cap = {
        "url": "https://www.ekeby.se/nyheter/så",
        "fetched_at": "2026-01-05T08:00:00Z",
        "payload_sha256": "ab" * 32,
    }
    banner = capture_banner("", 7, cap, 1)
    assert "2026-01-05T08:00:00Z" in banner and 'href="/archive/articles/7"' in banner
    page = "<html><BODY class='x'><p>Välkommen</p></body></html>".encode("latin-1")
    served = with_banner(page, banner)
    assert served.startswith(b"<html><BODY class='x'><div role=\"note\"")
    assert served.endswith(
        "<p>Välkommen</p></body></html>".encode("latin-1")
    )  # the page's own bytes untouched
    assert b"s&#229;" in served  # the banner's own non-ASCII as character references
    assert with_banner(b"<p>no body tag</p>", banner).startswith(b"<div role=")
    utf16 = "<body>x</body>".encode("utf-16")
    assert with_banner(utf16, banner) == utf16
