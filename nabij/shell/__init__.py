"""The web server's side of the installable app: routes and middleware for st.App."""
