"""The housing assistant's service: settings, web app, channels and storage."""
