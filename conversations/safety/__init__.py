"""The crisis guard and exchange (`crisis`), the client's /safetyplan (`plan`), and /screen for the care team
(`screen_review`)."""
