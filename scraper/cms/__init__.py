"""What the spider knows about the platforms municipal sites run on, as data.

The spider is generic; these lists tell it where a platform puts its navigation, its
recent-news widgets and its pagination. They were written from the markup that
SiteVision (most Swedish kommuner), WordPress and GOV.UK-style council CMSs produce,
and are checked by the demo sites and the held-out site in ``tests/sites``.
"""

from __future__ import annotations

import re

# Words that name a news section, in URL path segments and in link texts. Swedish,
# Norwegian/Danish and English. Matched against whole words of a link text or
# against path segments (after lower-casing and folding å/ä/ö to a/a/o).
NEWS_SECTION_WORDS = (
    "nyheter",
    "nyhet",
    "nyhetsarkiv",
    "aktuellt",
    "aktuelt",
    "pressmeddelanden",
    "pressmeddelande",
    "pressrum",
    "press",
    "pressemeldinger",
    "pressemeddelelser",
    "nyheder",
    "news",
    "newsroom",
    "press-releases",
    "press-release",
    "pressreleases",
    "latest-news",
    "nyhetsrum",
    "nyheterochpress",
    "nyheter-och-press",
    "nyheter-och-pressmeddelanden",
)

# Link texts that lead to a (full) news listing.
NEWS_LINK_TEXT = re.compile(
    r"^(alla |fler |visa alla |se alla |all |more |latest |read more |view all |see all )?"
    r"(nyheter|nyhet|nyhetsarkiv|aktuellt|aktuelt|pressmeddelanden|pressrum|nyheder|"
    r"pressemeldinger|pressemeddelelser|news|newsroom|press releases|press|news and press|"
    r"nyheter och press(meddelanden)?|nyheter och pressmeddelanden|news and press releases)"
    r"( ?(och|and|&) ?(press(meddelanden)?|press releases|pressrum|evenemang|events))?"
    r"( från .*| from .*)?$",
    re.IGNORECASE,
)

# Path segments of sections that are not news even when they carry dates: calendars,
# events, searches, logins, feeds, taxonomy archives, jobs. A URL with one of these
# segments is never an article candidate.
EXCLUDED_SEGMENTS = frozenset(
    {
        "kalender",
        "kalendarium",
        "evenemang",
        "evenemangskalender",
        "handelser",
        "events",
        "event",
        "whats-on",
        "calendar",
        "sok",
        "search",
        "soksida",
        "login",
        "logga-in",
        "wp-admin",
        "wp-login.php",
        "wp-json",
        "feed",
        "tag",
        "tags",
        "author",
        "etikett",
        "lediga-jobb",
        "jobs",
        "jobba-hos-oss",
        "kontakt",
        "kontakta-oss",
        "contact",
        "contact-us",
        "cookies",
        "om-cookies",
        "tillganglighet",
        "tillganglighetsredogorelse",
        "accessibility",
        "privacy",
        "personuppgifter",
    }
)

# File extensions that are never HTML articles.
EXCLUDED_EXTENSIONS = frozenset(
    {
        ".pdf",
        ".doc",
        ".docx",
        ".xls",
        ".xlsx",
        ".ppt",
        ".pptx",
        ".odt",
        ".jpg",
        ".jpeg",
        ".png",
        ".gif",
        ".svg",
        ".webp",
        ".mp3",
        ".mp4",
        ".zip",
        ".ics",
        ".xml",
        ".gz",
        ".css",
        ".js",
        ".json",
        ".txt",
        ".rss",
        ".atom",
    }
)

# Query parameters that only track campaigns or sessions: stripped from every URL so the
# same article reached from a newsletter and from the listing is stored once.
TRACKING_PARAMS = frozenset(
    {
        "fbclid",
        "gclid",
        "dclid",
        "msclkid",
        "mc_cid",
        "mc_eid",
        "_ga",
        "_gl",
        "igshid",
        "ref",
        "ref_src",
        "sessionid",
        "jsessionid",
        "phpsessid",
        "sid",
        "session_id",
        "cfid",
        "cftoken",
    }
)
TRACKING_PREFIXES = ("utm_", "pk_", "mtm_", "hsa_")
# Session ids carried in the path (Java servlets' ";jsessionid=", ";sid=", ...): stripped like the
# query parameters above, or every visit mints new URLs for the same pages.
SESSION_PATH_PARAMS = re.compile(
    r";(?:jsessionid|sid|phpsessid|sessionid|session_id|aspsessionid\w*)=[^/?#;]*", re.IGNORECASE
)

# Query parameters that page through a listing (SiteVision writes "sv.12.abc.page=2").
PAGINATION_PARAM = re.compile(r"(^|\.)(page|paged|sida|p|start|offset|pg)$", re.IGNORECASE)
PAGINATION_PATH = re.compile(r"/page/(\d+)/?$")
PAGINATION_TEXT = re.compile(
    r"^(nästa( sida)?|next( page)?|äldre( nyheter| inlägg)?|older( posts| news)?|fler nyheter|"
    r"visa fler|load more|›|»|>|→|\d{1,4})$",
    re.IGNORECASE,
)

# Elements whose links are site chrome rather than a listing's content.
CHROME_XPATH = (
    "ancestor-or-self::*[self::header or self::footer or self::nav or "
    "contains(@class, 'header') or contains(@class, 'footer') or contains(@class, 'navigation') or "
    "contains(@class, 'menu') or contains(@class, 'breadcrumb') or contains(@class, 'cookie') or "
    "contains(@id, 'header') or contains(@id, 'footer') or contains(@id, 'menu') or "
    "contains(@class, 'skip') or @role='navigation' or @role='banner' or @role='contentinfo']"
)

# Recent-news widgets repeated on every page. Their links are news articles, but a page
# that carries one is not a listing: SiteVision's sv-archive-portlet is shown on most
# pages of a kommun site, service pages included.
WIDGET_XPATH = (
    "ancestor-or-self::*[self::aside or contains(@class, 'sidebar') or contains(@class, 'widget') or "
    "contains(@class, 'sv-archive-portlet') or contains(@class, 'related') or "
    "contains(@class, 'puff')]"
)

# Signals that a page is one article (any one is enough with a title and body text).
ARTICLE_META_XPATHS = (
    "//meta[@property='article:published_time']/@content",
    "//meta[@name='article:published_time']/@content",
    "//meta[@itemprop='datePublished']/@content",
    "//*[@itemprop='datePublished']/@datetime",
)
ARTICLE_BODY_CLASSES = ("single-post", "single", "post-template-default", "news-article", "article-page")
LISTING_BODY_CLASSES = ("archive", "category", "blog", "tag", "author", "search", "search-results", "paged")
JSONLD_ARTICLE_TYPES = frozenset({"NewsArticle", "Article", "BlogPosting", "Report", "PressRelease"})

# A labelled publication date in the visible text: "Publicerad 2026-03-12",
# "Publicerat den 12 mars 2026", "Published 12 March 2026", "Posted on".
PUBLISHED_LABEL = re.compile(
    r"\b(publicerad|publicerat|publisert|publiceret|published|posted( on)?)\b\s*:?\s*(den )?"
    r"(\d{4}-\d{2}-\d{2}|\d{1,2}\.? ?[a-zåäö]+\.? \d{4}|[a-z]+ \d{1,2},? \d{4})",
    re.IGNORECASE,
)

# A page whose own text shows this many different full dates, without presenting itself as an
# article, is a page of dated notices (service disruptions, a diary), not one news article.
NOTICE_PAGE_DATES = 4

# Minimum words of paragraph text for a page to be an article rather than a stub.
MIN_ARTICLE_WORDS = 40
# ... unless the page shows article evidence (a title, a publication date, and an <article> element,
# article metadata or a place in the news section): then a dated notice of two short sentences
# ("Biblioteket har stängt på fredag") is news. Below this many words it is a stub or a teaser.
MIN_NOTICE_WORDS = 10
# A page whose main area links to this many distinct dated or news-section pages is a listing.
LISTING_MIN_LINKS = 4
