"""PLOVER type and mode → ACLED event / sub-event type and CAMEO root (data in mappings.tsv; the
PLOVER types and modes themselves in plover.tsv).

ACLED's hierarchy is applied on top of the table: an attack on protesters is 'Excessive force
against protesters'; a protest met by security forces is 'Protest with intervention'; a battle
needs an armed party on both sides, and one-sided violence against civilians is 'Violence against
civilians'.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Final

from .tables import plover_modes, plover_types, read_tsv, sectors

# Armed sides and civilians by sector (data/sectors.tsv).
ARMED_SECTORS: Final = sectors("armed")
CIVILIAN_SECTORS: Final = sectors("civilian")


@dataclass(frozen=True, slots=True)
class Mapped:
    acled_event_type: str | None
    acled_sub_event_type: str | None
    cameo: str | None


# The refinements below, made once: they are immutable and shared (one per event was a visible cost).
_UNMAPPED: Final = Mapped(None, None, None)
_ATTACK_ON_CIVILIANS: Final = Mapped("Violence against civilians", "Attack", "18")
_ARMED_CLASH: Final = Mapped("Battles", "Armed clash", "19")


@cache
def _with_intervention(cameo: str | None, lethal: bool = False) -> Mapped:
    """A protest met by force: with intervention, or excessive force when the force killed (guideline 5)."""
    return Mapped("Protests", "Excessive force against protesters" if lethal else "Protest with intervention", cameo)


@cache
def _table() -> dict[tuple[str, str], Mapped]:
    """mappings.tsv by (type, mode), checked against the PLOVER vocabulary (plover.tsv) both ways."""
    table = {
        (r["plover"], r["mode"]): Mapped(r["acled_event_type"] or None, r["acled_sub_event_type"] or None,
                                          r["cameo"] or None)
        for r in read_tsv("mappings.tsv")
    }
    vocabulary = {(t, m) for t in plover_types() for m in ("", *plover_modes(t))}
    unknown = sorted(table.keys() - vocabulary)
    if unknown:
        raise ValueError(f"mappings.tsv: types and modes that plover.tsv does not list: {unknown}")
    unmapped = sorted(vocabulary - table.keys())
    if unmapped:
        raise ValueError(f"mappings.tsv: no row for these types and modes of plover.tsv: {unmapped}")
    return table


def map_event(plover: str, mode: str | None, actor1_sector: str | None = None,
              actor2_sector: str | None = None, intervention: bool = False, clash: bool = False,
              weapons: bool = False, lethal: bool = False) -> Mapped:
    """ACLED and CAMEO codes for a PLOVER event, refined by its actors' sectors. A `clash`
    (اشتباكات، معارك) is fighting between two armed sides: a battle, whoever died in it. A seizure
    of `weapons` is ACLED's disrupted weapons use (guideline 6), one of land or goods its looting. A
    peaceful protest met by force that killed (`lethal`) is excessive force against protesters."""
    table = _table()
    m = table.get((plover, mode or "")) or table.get((plover, "")) or _UNMAPPED
    if plover == "COERCE" and mode == "seize" and weapons:
        return Mapped(m.acled_event_type, "Disrupted weapons use", m.cameo)
    if plover == "ASSAULT" and clash and m.acled_event_type == "Battles":
        return m
    if plover == "ASSAULT" and m.acled_event_type == "Battles":
        if actor2_sector in CIVILIAN_SECTORS or (actor2_sector and actor2_sector not in ARMED_SECTORS and actor2_sector != "OPP"):
            m = _ATTACK_ON_CIVILIANS
    elif plover == "ASSAULT" and m.acled_event_type == "Violence against civilians" and mode in (None, "firearms"):
        if actor1_sector in ARMED_SECTORS and actor2_sector in ARMED_SECTORS:
            m = _ARMED_CLASH
    elif plover == "PROTEST" and m.acled_event_type == "Protests" and intervention:
        m = _with_intervention(m.cameo, lethal and mode != "riot")
    return m
