"""The UN General Assembly record: ``record`` (Voeten's roll calls and votes, a country's
record, key resolutions) and ``alignment`` (agreement measures between countries, breaks)."""
