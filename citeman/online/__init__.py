"""Crossref: the client, its cache, and what citeman makes of the answers."""
