"""The helpdesk's runtime shared by every surface: answering a query, keeping feedback, the store."""
