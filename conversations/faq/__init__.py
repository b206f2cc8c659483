"""The FAQ: clients' questions and answers (`answers`) and staff's FAQ upload and gaps (`admin`)."""
