from django.apps import AppConfig


class VendorTranslationsConfig(AppConfig):
    name = "accounts.vendor_translations"
    label = "vendor_translations"
    verbose_name = "Vendor translations"
