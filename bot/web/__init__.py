"""The web app: demo employer page with the chat widget, advisors' console, health check."""
