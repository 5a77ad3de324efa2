"""Rasa input channels of the assistant (custom channels and wrappers of Rasa's connectors)."""
