"""Structured data for share previews and search engines (schema.org JSON-LD)."""

from __future__ import annotations

from typing import Any

from .items import absolute


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


def news_article(article: Any, base: str, network_name: str, share_image: str) -> dict[str, Any]:
    """schema.org NewsArticle plus the article's BreadcrumbList, as one JSON-LD graph."""
    image = absolute(base, article.image_url) if article.image_url else share_image
    modified = getattr(article, "modified", None) or article.date
    return {
        "@context": "https://schema.org",
        "@graph": [
            {
                "@type": "NewsArticle",
                "headline": article.title,
                "description": article.summary,
                "datePublished": article.date.isoformat(),
                "dateModified": modified.isoformat(),
                "inLanguage": "id",
                "mainEntityOfPage": absolute(base, article.url),
                "image": [image],
                "author": [{"@type": "Person", "name": str(article.author)}],
                "publisher": {
                    "@type": "Organization",
                    "name": article.kim_profile.name,
                    "url": absolute(base, article.kim_profile.url),
                    "parentOrganization": {"@type": "Organization", "name": network_name, "url": f"{base}/"},
                },
                "keywords": [topic.label for topic in article.topics],
                "contentLocation": [{"@type": "Place", "name": region.label} for region in article.regions],
            },
            breadcrumb_list(base, article.breadcrumbs),
        ],
    }
