"""The reader's and editor's web pages: thin Django views over tropebase.wiki, Jinja2 templates."""
