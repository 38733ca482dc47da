"""pindesk's HTTP service: the app factory (pindesk.service.app), one blueprint per surface."""
