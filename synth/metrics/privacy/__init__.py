"""Privacy: distances to the closest record and the WP29 risks (singling out, linkability, inference)."""
