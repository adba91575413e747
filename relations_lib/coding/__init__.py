"""Article → coded events and vote mentions: ``actors`` (who), ``cameo`` (what, CAMEO verb
codes), ``events`` (dated, coded events with Goldstein and PLOVER), ``vote_mentions`` (UN votes an
article states, linked to resolutions)."""
