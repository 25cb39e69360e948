"""Who triages support requests: staff holding the app's change permission (the Moderators
group gets it in a data migration) and superusers."""


def is_support_staff(user):
    return bool(
        user is not None
        and user.is_authenticated
        and user.is_active
        and user.has_perm("support.change_supportrequest")
    )
