"""The app's pages, one file each. ``ui/app.py`` hands them to ``st.navigation``, which runs
the chosen one as a script on every rerun: they are never imported."""
