"""The docs say how public photos are cached as the server sends them: a withdrawn photo must
stop showing at once, and a doc promising an hour of caching misleads whoever fronts the
server with a cache of their own."""

import re
from pathlib import Path

from server.reports.routes import PUBLIC_PHOTO_CACHE

DOCS = Path(__file__).resolve().parents[3] / "docs"


def test_the_docs_give_public_photos_the_cache_header_the_server_sends():
    said = {
        doc.name: re.findall(r"Cache-Control: public[^`]*", " ".join(doc.read_text().split()))
        for doc in (DOCS / "contract.md", DOCS / "privacy.md")
    }
    assert all(said.values()), said  # both docs describe it
    assert {value for values in said.values() for value in values} == {
        f"Cache-Control: {PUBLIC_PHOTO_CACHE}"
    }
