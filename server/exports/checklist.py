"""The OSMF Organised Editing checklist of a group's campaign, and the upload gate it sets.

The Organised Editing Guidelines ask a coordinated campaign for a changeset hashtag, a wiki page
describing it and a way to reach its organisers. camwalk shows all three; it refuses a real
upload only without a hashtag, because that is the one item the changesets themselves carry
(a missing wiki page is the organisers' business, a missing hashtag makes the campaign
invisible to the community reviewing its edits).
"""

import re

from sqlalchemy import select

from server.exports.errors import OrganisedEditingChecklist
from server.extensions import db
from server.groups.models import Group
from server.osm.models import OsmCampaign
from server.types import utcnow

HASHTAG = re.compile(r"#?[\w-]+")

ITEMS = [
    ("hashtag", "A campaign hashtag on every changeset", True),
    ("wiki_page", "A wiki page describing the campaign", False),
    ("contact", "A way for mappers to reach the organisers", False),
]


def hashtag_words(hashtags: str | None) -> list[str]:
    return (hashtags or "").replace(",", " ").replace(";", " ").split()


def _campaign(group: Group) -> OsmCampaign | None:
    return db.session.scalar(select(OsmCampaign).filter_by(group_id=group.id))


def checklist(group: Group) -> dict:
    campaign = _campaign(group)
    values = {
        "hashtag": " ".join(hashtag_words(group.hashtags)) or None,
        "wiki_page": campaign.wiki_url if campaign else None,
        "contact": campaign.contact if campaign else None,
    }
    items = [
        {
            "key": key,
            "label": label,
            "required": required,
            "done": bool(values[key]),
            "value": values[key],
        }
        for key, label, required in ITEMS
    ]
    ready = all(item["done"] for item in items if item["required"])
    return {"ready_to_upload": ready, "items": items}


def update_checklist(group: Group, values: dict) -> dict:
    """Set any of hashtags / wiki_url / contact (None clears); commits."""
    if "hashtags" in values:
        group.hashtags = " ".join(hashtag_words(values["hashtags"])) or None
    campaign = _campaign(group)
    if campaign is None:
        campaign = OsmCampaign(group_id=group.id)
        db.session.add(campaign)
    for key in ("wiki_url", "contact"):
        if key in values:
            setattr(campaign, key, (values[key] or "").strip() or None)
    campaign.updated_at = utcnow()
    db.session.commit()
    return checklist(group)


def require_ready(group: Group) -> None:
    """Refuse a real upload while a required item is missing."""
    if not checklist(group)["ready_to_upload"]:
        raise OrganisedEditingChecklist()
