"""Structured data for share previews and search engines (schema.org JSON-LD)."""

from __future__ import annotations

from typing import Any

from .items import absolute

POLICY_SLUG = "pedoman-pemberitaan"  # content/pages/pedoman-pemberitaan.md: corrections, replies, withdrawals


def policy_page(pages: Any) -> str | None:
    """Address (relative to SITEURL) of the network's policy page, when the network has one."""
    return f"{POLICY_SLUG}/" if any(page.slug == POLICY_SLUG for page in pages) else None


def network_organization(base: str, network_name: str, policy: str | None = None) -> dict[str, Any]:
    """The network as an Organization, with its published corrections and ethics policy (one page) if it has one."""
    organization = {"@type": "Organization", "name": network_name, "url": f"{base}/"}
    if policy:
        organization |= {"correctionsPolicy": f"{base}/{policy}#ralat", "ethicsPolicy": f"{base}/{policy}"}
    return organization


def breadcrumb_list(base: str, regions: list[Any]) -> dict[str, Any]:
    """schema.org BreadcrumbList for a wilayah path."""
    trail = [("Beranda", ""), ("Wilayah", "wilayah/")] + [(r.label, r.url) for r in regions]
    return {
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": i, "name": name, "item": absolute(base, url)}
            for i, (name, url) in enumerate(trail, start=1)
        ],
    }


def news_article(
    article: Any, base: str, network_name: str, share_image: str, policy: str | None = None
) -> dict[str, Any]:
    """schema.org NewsArticle plus the article's BreadcrumbList, as one JSON-LD graph.

    What Google's Article guidance reads (headline, image, dates, author, publisher) plus what no other tag of
    the page says (the network, the places). Left out because the page already says it: ``description``
    (``<meta name=description>``), ``inLanguage`` (``<html lang>``), ``mainEntityOfPage`` (the canonical link)
    and ``keywords`` (``article:tag``).
    """
    # warta_cekfakta's card of a clarification first, then warta_images' 1200x630 JPEG of the og:image
    share = getattr(article, "share_card", None) or getattr(article, "share_image", None)
    if share is not None:
        image = absolute(base, share.image.url)
    else:
        image = absolute(base, article.image_url) if article.image_url else share_image
    modified = getattr(article, "modified", None) or article.date  # the reader moved it to the latest Ralat
    document: dict[str, Any] = {
        "@context": "https://schema.org",
        "@graph": [
            {
                "@type": "NewsArticle",
                "headline": article.title,
                "datePublished": article.date.isoformat(),
                "dateModified": modified.isoformat(),
                "image": [image],
                "author": [{"@type": "Person", "name": str(article.author)}],
                "publisher": {
                    "@type": "Organization",
                    "name": article.kim_profile.name,
                    "url": absolute(base, article.kim_profile.url),
                    "parentOrganization": network_organization(base, network_name, policy),
                },
                "contentLocation": [{"@type": "Place", "name": region.label} for region in article.regions],
            },
            breadcrumb_list(base, article.breadcrumbs),
            *([claim_review(article, base, network_name, policy)] if getattr(article, "factcheck", None) else []),
        ],
    }
    corrections = getattr(article, "corrections", ())  # warta_ralat: the dated notes, as CorrectionComments
    if corrections:
        document["@graph"][0]["correction"] = [
            {"@type": "CorrectionComment", "text": note.text, "datePublished": note.date.isoformat()}
            for note in corrections
        ]
    return document


def claim_review(article: Any, base: str, network_name: str, policy: str | None = None) -> dict[str, Any]:
    """schema.org ClaimReview of a clarification (warta_core.factcheck), vocabulary per schema.org.

    ``author`` is the KIM within the network, like the article's publisher;
    ``itemReviewed`` is the Claim, with where it circulated (``appearance``)
    and, when ``Tanggal-Klaim`` is known, its ``firstAppearance``.
    """
    factcheck = article.factcheck
    verdict = factcheck.verdict
    appearances = [{"@type": "CreativeWork", "name": place} for place in factcheck.spread_on]
    claim: dict[str, Any] = {"@type": "Claim", "name": factcheck.claim, "inLanguage": "id"}
    if appearances:
        claim["appearance"] = appearances
    if factcheck.claim_date is not None:
        first = dict(appearances[0]) if appearances else {"@type": "CreativeWork"}
        claim["firstAppearance"] = {**first, "datePublished": factcheck.claim_date.date().isoformat()}
        claim["datePublished"] = factcheck.claim_date.date().isoformat()
    review: dict[str, Any] = {
        "@type": "ClaimReview",
        "url": absolute(base, article.url),
        "claimReviewed": factcheck.claim,
        "datePublished": article.date.isoformat(),
        "inLanguage": "id",
        "author": {
            "@type": "Organization",
            "name": article.kim_profile.name,
            "url": absolute(base, article.kim_profile.url),
            "parentOrganization": network_organization(base, network_name, policy),
        },
        "reviewRating": {
            "@type": "Rating",
            "ratingValue": verdict.value,
            "bestRating": factcheck.best,
            "worstRating": factcheck.worst,
            "alternateName": verdict.label,
            "ratingExplanation": verdict.description,
        },
        "itemReviewed": claim,
    }
    links = [evidence.url for evidence in factcheck.evidence if evidence.url]
    if links:
        review["isBasedOn"] = links
    return review
