"""Scrapy project that collects articles from Swedish local newspapers.

Layout follows Scrapy's project template: settings.py, items.py,
pipelines.py (normalise → dedupe → store), spiders/ and the source list as
data (sources.toml).
"""
