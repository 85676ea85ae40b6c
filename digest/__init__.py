"""Weekly digest emails: the week's flagged statements for each subscription.

Reads only the database (db → digest); the crawler and classifier are never
imported here. The pieces: `subscriptions` (who wants what), `weeks` (ISO
weeks), `collect` (which statements), `render` (Jinja2 → EmailMessage) and
`send` (SMTP, exactly once per subscription and week).
"""

TOPICS = ("transit", "rus", "other_regional")
