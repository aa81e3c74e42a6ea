"""Counts on the start page's tiles ("3 new referrals to your department"), from any app.

Like the header search (``lotsportal/search.py``), an app registers a provider from its
``AppConfig.ready()``; the start page asks each for the user's tiles. A provider must be
cheap: one SQL statement whatever the amount of data, each count capped (``cases`` uses
``cases.pagination.capped_counts``), so the start page's query count stays fixed.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.functional import Promise


@dataclass(frozen=True)
class CountTile:
    key: str
    label: str | Promise
    count: int
    url: str
    # A count above the cap is shown as "more than <cap>".
    cap: int

    @property
    def is_capped(self) -> bool:
        return self.count > self.cap


TileProvider = Callable[[object], list[CountTile]]

_providers: dict[str, TileProvider] = {}


def register_tile_provider(key: str, provider: TileProvider) -> None:
    _providers[key] = provider


def start_page_tiles(user) -> list[CountTile]:
    tiles: list[CountTile] = []
    for key in sorted(_providers):
        tiles.extend(_providers[key](user))
    return tiles
