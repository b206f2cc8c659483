"""Help in the moment for clients: the "I'm craving" flow, its coping tools, and medication reminders.

- `craving`: /craving, the menu button and craving talk: rate, pick a tool, its steps, rate again.
- `steps`: the flow's buttons, its draft in user_data and what each stage shows.
- `check_back`: the rating on the check back 15 minutes after a craving, from its own message.
- `toolbox`: /tools, the coping tools on offer.
- `meds`: /meds, daily medication reminders (add, delete) and their Taken / Skip buttons.
- `med_proposals`: /medsfor, a daily reminder the care team suggests, and the client's answer to it.
"""
