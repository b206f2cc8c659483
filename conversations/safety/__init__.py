"""The crisis guard and exchange (`crisis`, `exchange`), the client's /safetyplan (`plan`), /screen for the care
team (`screen_review`), and `short_replies` (media, crying emoji, "thanks", reported use outside any step)."""
