"""Time zone helpers: events store UTC instants plus the IANA zone their wall time belongs to."""

import datetime
from functools import lru_cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

DEFAULT_TIME_ZONE = "America/Bogota"
UTC = datetime.UTC


def validate_time_zone(value):
    """An IANA name that ``zoneinfo`` knows, for example ``America/Bogota``."""
    try:
        ZoneInfo(value)
    except (ZoneInfoNotFoundError, ValueError, TypeError) as error:
        raise ValidationError(
            _("“%(value)s” is not a known IANA time zone (for example America/Bogota)."),
            code="invalid_time_zone",
            params={"value": value},
        ) from error


@lru_cache(maxsize=1)
def time_zone_choices():
    """Every IANA zone, the Americas and Europe first (where Articula's members are)."""
    zones = sorted(z for z in available_timezones() if "/" in z and not z.startswith("Etc/"))
    first = [z for z in zones if z.startswith("America/")]
    rest = [z for z in zones if not z.startswith("America/")]
    return [(z, z.replace("_", " ")) for z in [*first, *rest, "UTC"]]


def make_local(naive, zone_name):
    """The aware datetime for the wall time ``naive`` in ``zone_name``; ``ValueError`` if that
    wall time does not exist there (it falls in a daylight-saving gap)."""
    zone = ZoneInfo(zone_name)
    aware = naive.replace(tzinfo=zone)
    if aware.astimezone(UTC).astimezone(zone).replace(tzinfo=None) != naive.replace(tzinfo=None):
        raise ValueError("nonexistent local time")
    return aware


def in_zone(value, zone_name):
    """``value`` (aware) as wall time in ``zone_name``."""
    if value is None:
        return None
    try:
        return value.astimezone(ZoneInfo(zone_name))
    except (ZoneInfoNotFoundError, ValueError):
        return value.astimezone(UTC)
