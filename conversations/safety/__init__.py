"""The crisis guard and exchange (`crisis`, `exchange`) with the replies that fit each situation
(`situation_replies`), the `inbox`'s reader that keeps flagged updates as they arrive, the client's
/safetyplan (`plan`), /screen for the care team (`screen_review`), and `short_replies` (media, crying
emoji, "thanks", reported use outside any step)."""
