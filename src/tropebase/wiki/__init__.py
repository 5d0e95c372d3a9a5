"""The wiki: pages, their append-only history, and the facts compiled from their current text."""
