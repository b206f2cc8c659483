"""Help in the moment: a craving met with a coping tool, rated before and after.

- `tools`: the coping tools as data (`tools.yaml`), read and checked.
- `cravings`: craving talk in the client's words, which tool to pick, storing the ratings, the flag.
"""
