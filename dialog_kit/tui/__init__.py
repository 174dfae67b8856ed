"""The Textual app: unlock, the list of talks, the guided talk, review and documents."""
