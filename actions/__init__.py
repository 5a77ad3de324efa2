"""The action server package: the eligibility engine (pure Python) and thin Rasa actions over it."""
