"""Event listeners: mentions in channels and direct messages."""
