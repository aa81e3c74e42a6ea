"""Django's Swedish wording for the few form messages that DRF's catalogue words differently.

Listed before ``rest_framework`` in ``INSTALLED_APPS``, so its catalogue wins over DRF's and the
portal's forms keep "Detta fält måste fyllas i." A package of its own (not ``api/locale``) so that
``make messages`` keeps collecting the api app's texts into the project's catalogue.
"""
