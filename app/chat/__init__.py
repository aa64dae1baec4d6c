"""The chat turn: `POST /api/chat` and the terminal chat."""
