"""Timeline against hand gold: dated events with the right date at the right granularity.

A timeline entry matches a gold event when its value is one of the event's accepted values, its background flag
is the gold one, and one of its evidence sentences contains one of the event's cues (case-insensitive; the cue
says *which* event of that date it is). Precision counts entries that match any event (optional ones included);
recall counts the non-optional events that some entry matches. A second score, ``timeline_background``, checks
the background/story split alone on the entries that match by date and cue.
"""

from __future__ import annotations

from typing import Any

from . import Score, normalise_key, prf


def _cue_hit(entry: dict[str, Any], event: dict[str, Any]) -> bool:
    texts = [normalise_key(e["text"]) for e in entry["evidence"]]
    return any(normalise_key(c) in t for c in event["cues"] for t in texts)


def matches(entry: dict[str, Any], event: dict[str, Any], *, check_background: bool = True) -> bool:
    if entry["value"] not in event["values"]:
        return False
    if check_background and bool(entry["background"]) != bool(event["background"]):
        return False
    return _cue_hit(entry, event)


def score(report: dict[str, Any], gold: dict[str, Any]) -> list[Score]:
    entries = report["timeline"]
    events = gold["events"]
    required = [e for e in events if not e.get("optional")]
    good_entries = sum(any(matches(t, e) for e in events) for t in entries)
    found_events = sum(any(matches(t, e) for t in entries) for e in required)
    dated = [(t, e) for t in entries for e in events if matches(t, e, check_background=False)]
    right_side = sum(bool(t["background"]) == bool(e["background"]) for t, e in dated)
    return [prf("timeline", good_entries, len(entries), found_events, len(required)),
            prf("timeline_background", right_side, len(dated), right_side, len(dated))]


def misses(report: dict[str, Any], gold: dict[str, Any]) -> dict[str, list[str]]:
    """For reading: gold events no entry matched, and entries that match no gold event."""
    events = gold["events"]
    return {"missed": [e["id"] for e in events if not e.get("optional")
                       and not any(matches(t, e) for t in report["timeline"])],
            "unmatched": [f"{t['label']}: {t['evidence'][0]['text'][:80]}" for t in report["timeline"]
                          if not any(matches(t, e) for e in events)]}
