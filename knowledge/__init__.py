"""pindesk knowledge core: the catalog of pinned apps, the engine and its answers."""
