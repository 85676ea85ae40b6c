"""Statements and the conflict model: sentence splitting, attribution, classification.

Heavy libraries (torch, transformers) are imported inside the functions that
need them so that the command line stays instant.
"""
