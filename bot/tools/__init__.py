"""Command-line tools: model fingerprint and training, process launchers."""
