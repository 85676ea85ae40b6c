"""Spiders: one module per kind of entry point (feeds, sitemaps)."""
