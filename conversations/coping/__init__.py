"""Help in the moment for clients: the "I'm craving" flow and its coping tools.

- `craving`: /craving, the menu button and craving talk: rate, pick a tool, its steps, rate again.
- `steps`: the flow's buttons, its draft in user_data and what each stage shows.
"""
