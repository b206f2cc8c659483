"""The crisis guard and exchange (`crisis`, `exchange`) and the client's /safetyplan (`plan`)."""
