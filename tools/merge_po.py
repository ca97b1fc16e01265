"""Git merge driver for gettext catalogs: merge by message, not by line.

Two branches that add messages side by side touch neighbouring lines of the sorted catalog,
which a line merge garbles. This driver reads the three versions (base, ours, theirs) and keeps
every message of either side; where both changed the same message's translation, ours wins
unless ours is empty. Install once per clone::

    git config merge.po.name "gettext catalog merge"
    git config merge.po.driver "python3 tools/merge_po.py %O %A %B"

(``.gitattributes`` names it for ``*.po``; the ``.mo`` is compiled again by ``make messages``.)
"""

from __future__ import annotations

import sys

from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po, write_po


def _read(path: str) -> Catalog:
    with open(path, "rb") as handle:
        return read_po(handle)


def merge(base_path: str, ours_path: str, theirs_path: str) -> None:
    base, ours, theirs = _read(base_path), _read(ours_path), _read(theirs_path)
    for message in theirs:
        if not message.id:
            continue
        mine = ours.get(message.id)
        before = base.get(message.id)
        if mine is None:
            if before is None or before.string != message.string:
                ours[message.id] = message
        elif not mine.string or (before is not None and mine.string == before.string):
            mine.string = message.string
    for message in list(ours):
        # Removed on their side and untouched on ours: follow the removal.
        gone = message.id and base.get(message.id) and theirs.get(message.id) is None
        if gone and ours[message.id].string == base[message.id].string:
            del ours[message.id]
    with open(ours_path, "wb") as handle:
        write_po(
            handle,
            ours,
            width=76,
            omit_header=False,
            sort_output=True,
            ignore_obsolete=True,
            include_previous=False,
            no_location=True,
        )


if __name__ == "__main__":
    merge(*sys.argv[1:4])
