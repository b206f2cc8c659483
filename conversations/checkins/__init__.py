"""The daily check-in (`checkin`, its steps in `steps`) and the client's /progress and /history (`progress`)."""
