"""The pindesk command line."""
