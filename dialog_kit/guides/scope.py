"""The organisation's country, agreement and sector, as the guides' content is chosen by them."""

from __future__ import annotations

from dialog_kit.config import Config
from dialog_kit.guides.model import AGREEMENTS, NATIONAL, SECTORS, OrgScope


def org_scope(config: Config) -> OrgScope:
    """What the settings say about which national content applies; the one place that reads it.

    An unset country (setup has not asked yet) or "other" gives no national
    content at all. An agreement that belongs to another country is ignored.
    """
    # getattr: `agreement` and `sector` come with the setup screen (issue 10); until then the
    # organisation is under no known agreement, so no agreement-bound fund is named.
    country = getattr(config, "country", None)
    national = country if country in NATIONAL else None
    agreement = getattr(config, "agreement", None) or None
    if agreement not in AGREEMENTS or AGREEMENTS[agreement] != national:
        agreement = None
    sector = getattr(config, "sector", None) or None
    if sector not in SECTORS:
        sector = None
    return OrgScope(national, agreement, sector)
