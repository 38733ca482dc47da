"""The errors pindesk raises; each surface maps them to its own form."""


class PindeskError(Exception):
    """Base of every error a user may see: the message is one clear line."""


class CatalogError(PindeskError):
    """The catalog or an article is missing, unreadable or fails validation."""


class QueryError(PindeskError):
    """A query cannot be used: empty, too long, or without anything to search for."""


class NotFound(PindeskError):
    """An app or article id or name that the catalog does not have."""


class ExportError(PindeskError):
    """A bypass export cannot be made: no chosen app has known domains, or a bad option."""
