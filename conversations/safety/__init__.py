"""The crisis guard and exchange (`crisis`) and the client's /safetyplan (`plan`)."""
