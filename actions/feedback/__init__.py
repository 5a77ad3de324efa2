"""Feedback on the assistant's answers and the outcome follow-up (issue 16).

``question``: the texts and buttons (``messages.yml``), pure; the conversation appends the
feedback question after a verdict (``after_verdict``). ``actions``: the Rasa actions that record
the answers (bot.storage.feedback) and open a ticket when someone needs help.
"""
