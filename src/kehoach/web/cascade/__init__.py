"""Plan cascade: which plans implement which, what a lower plan took up of an upper plan's tasks,
and how the work reported on lower tasks rolls up (Django app `kehoach.web.cascade`)."""
