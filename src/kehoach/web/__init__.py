"""The kehoach web app: a Django project on top of the pure reader library (`kehoach.reader`).

Nothing in the reader imports from here. `celery -A kehoach.web worker` finds the Celery app in
`kehoach.web.celery`.
"""
