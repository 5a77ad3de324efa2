"""Storage: Rasa's tracker and lock stores configured from the environment, and our models."""
