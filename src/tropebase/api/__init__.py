"""The JSON API under /api/v1 (Django Ninja): the catalog as data, and edits by personal tokens.

Views here are as thin as the web's: resolve, check access, call the wiki's read layer
(`wiki.read`) or write layer (`wiki.edits`), shape the answer with a pydantic schema.
"""
