"""`lep talk`: the encounter screen, a local page the person can read, tap and hear.

- ``session``: what the screen shows (plain data from translate / ispeak / agency lines / speech);
- ``server``: the 127.0.0.1 web server (Starlette + uvicorn from the ``talk`` extra) and its guard;
- ``record``: the ``--record FILE`` JSON-lines log (mode 0600) and its summary;
- ``app_file``: ``lep export app``, the same screen as one offline HTML file;
- ``static/``: the page (plain HTML/CSS/JS, no build step, no CDN).
"""
