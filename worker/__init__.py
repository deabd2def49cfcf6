"""quotelens worker package: the domain core (``nlp``, ``checker``) and the Celery side."""
