"""The conversation of the housing assistant (issue 4): Rasa actions over the eligibility
engine (``actions.eligibility``) and the French understanding library (``actions.understanding``).

``dialogue.py`` holds the logic (pure Python, testable without Rasa); ``actions.py`` the thin
Rasa actions. See docs/nlu.md.
"""
