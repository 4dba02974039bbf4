"""The markup families of the generated sites: how each CMS wraps the same content.

A family is data — format strings for the page skeleton, the date line, a listing item and the
article wrapper — modelled on what SiteVision, WordPress/Municipio, Episerver/Optimizely, Drupal,
GOV.UK-style council sites, Umbraco and a plain hand-written site put around their text.
"""

from __future__ import annotations

import html
from dataclasses import dataclass

ORIGIN = "{{origin}}"


@dataclass(frozen=True)
class Family:
    name: str
    skeleton: str  # {lang} {title} {head} {body_class} {header} {main} {aside} {footer}
    article: str  # {title} {date} {body}
    date: str  # {label} {text} {stamp}  ({stamp} is a <time> or the plain text)
    item: str  # {href} {title} {date} {teaser}
    body_article: str = ""
    body_listing: str = ""
    meta: str = ""  # extra <head> markup on article pages ({iso})
    labelled: bool = True  # the date line carries a "Published" label


SKELETON = (
    '<!DOCTYPE html>\n<html lang="{lang}"><head><meta charset="utf-8"><title>{title}</title>{head}</head>\n'
    '<body class="{body_class}">{header}{main}{aside}{footer}</body></html>\n'
)
FAMILIES = {
    "sitevision": Family(
        "sitevision",
        SKELETON.replace("{main}", '<div class="sv-layout" id="svid10_main"><main>{main}</main></div>'),
        '<div class="sv-text-portlet"><h1 class="heading">{title}</h1>{date}</div>'
        '<div class="sv-text-portlet sv-use-margins">{body}</div>',
        '<p class="sv-font-liten">{label} {stamp}</p>',
        '<li class="sv-channel-item"><a href="{href}">{title}</a><p class="sv-font-liten">{date}</p>'
        "<p>{teaser}</p></li>",
    ),
    "wordpress": Family(
        "wordpress",
        SKELETON.replace("{main}", '<div id="site-content"><main class="site-main">{main}</main></div>'),
        '<article class="post type-post status-publish"><header class="entry-header"><h1 class="entry-title">'
        '{title}</h1><div class="entry-meta">{date}</div></header><div class="entry-content">{body}</div>'
        "</article>",
        '<span class="posted-on">{label} {stamp}</span>',
        '<article class="post"><h2 class="entry-title"><a href="{href}" rel="bookmark">{title}</a></h2>'
        '<div class="entry-meta">{date}</div><div class="entry-summary"><p>{teaser}</p></div></article>',
        body_article="single single-post postid-1",
        body_listing="archive category",
        meta='<meta property="article:published_time" content="{iso}T09:00:00+00:00">',
    ),
    "episerver": Family(
        "episerver",
        SKELETON.replace("{main}", '<div class="page-wrapper"><main id="main-content">{main}</main></div>'),
        '<div class="article-page"><h1>{title}</h1><div class="article-page__date">{date}</div>'
        '<div class="article-page__body">{body}</div></div>',
        "<span>{label}: {stamp}</span>",
        '<div class="news-list__item"><h3><a href="{href}">{title}</a></h3><span class="date">{date}</span>'
        "<p>{teaser}</p></div>",
    ),
    "drupal": Family(
        "drupal",
        SKELETON.replace("{main}", '<div class="layout-container"><main role="main">{main}</main></div>'),
        '<article class="node node--type-news"><h1 class="page-title"><span>{title}</span></h1>'
        '<div class="field field--name-field-date">{date}</div><div class="field field--name-body">{body}</div>'
        "</article>",
        "{label} {stamp}",
        '<div class="views-row"><span class="field-content"><a href="{href}" hreflang="x">{title}</a></span>'
        '<div class="views-field-created">{date}</div><p>{teaser}</p></div>',
        body_article="path-node page-node-type-news",
        meta='<meta property="og:type" content="article">',
    ),
    "govuk": Family(
        "govuk",
        SKELETON.replace(
            "{main}",
            '<div class="govuk-width-container"><main class="govuk-main-wrapper">{main}</main></div>',
        ),
        '<h1 class="govuk-heading-xl">{title}</h1><div class="gem-c-metadata"><dl><dt>{date}</dt></dl></div>'
        '<div class="govuk-govspeak">{body}</div>',
        "{label} {stamp}",
        '<li class="gem-c-document-list__item"><a class="govuk-link" href="{href}">{title}</a>'
        '<p class="gem-c-document-list__item-description">{teaser}</p>'
        '<ul class="gem-c-document-list__item-metadata"><li>{date}</li></ul></li>',
    ),
    "umbraco": Family(
        "umbraco",
        SKELETON.replace("{main}", '<div id="content"><main>{main}</main></div>'),
        '<section class="news-detail"><h1>{title}</h1><div class="news-detail__date">{date}</div>'
        '<div class="rte">{body}</div></section>',
        "{stamp}",
        '<div class="card"><a class="card__link" href="{href}"><h3>{title}</h3></a>'
        '<span class="card__date">{date}</span><p>{teaser}</p></div>',
        labelled=False,
        meta='<script type="application/ld+json">{{"@context": "https://schema.org", "@type": "NewsArticle", '
        '"datePublished": "{iso}"}}</script>',
    ),
    "plain": Family(
        "plain",
        SKELETON.replace("{main}", '<div id="main">{main}</div>'),
        "<h1>{title}</h1><p><i>{date}</i></p>{body}",
        "{stamp}",
        '<p><a href="{href}">{title}</a> <small>{date}</small><br>{teaser}</p>',
        labelled=False,
    ),
}


def esc(text: str) -> str:
    return html.escape(text, quote=True)


def date_line(family: Family, label: str, text: str, iso: str, time_tag: bool) -> str:
    stamp = f'<time datetime="{iso}">{esc(text)}</time>' if time_tag else esc(text)
    return family.date.format(
        label=esc(label) if family.labelled else "", text=esc(text), stamp=stamp
    ).strip()


def page(
    family: Family,
    *,
    lang: str,
    title: str,
    main: str,
    header: str,
    footer: str,
    aside: str = "",
    canonical: str | None = None,
    body_class: str = "",
    head: str = "",
) -> str:
    if canonical:
        head = f'<link rel="canonical" href="{esc(canonical)}">' + head
    return family.skeleton.format(
        lang=lang,
        title=esc(title),
        head=head,
        body_class=body_class,
        header=header,
        main=main,
        aside=aside,
        footer=footer,
    )
