"""The crisis guard and exchange (`crisis`), the client's /safetyplan (`plan`), and `short_replies`
(media, crying emoji, "thanks", reported use outside any step)."""
