"""`journal serve`: the app in a browser on this machine, behind a token.

address.py is pure (the command line checks --host before anything is imported);
guard.py and server.py import aiohttp and textual-serve, so only the serve command
imports them, inside its function: other commands start fast.
"""
