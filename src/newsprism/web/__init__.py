"""The web app: server-rendered pages (Jinja2), a little JavaScript, no build step, nothing from another origin."""
