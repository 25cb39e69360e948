from http import HTTPStatus

from django.http import Http404

from allauth.account.views import ConfirmEmailView as AllauthConfirmEmailView


class ConfirmEmailView(AllauthConfirmEmailView):
    """allauth's confirmation page, except that posting a wrong or expired key shows the
    page's own "this link expired or is invalid" message (status 400) instead of a bare 404."""

    def post(self, *args, **kwargs):
        try:
            self.get_object()
        except Http404:
            self.object = None
            return self.render_to_response(self.get_context_data(), status=HTTPStatus.BAD_REQUEST)
        return super().post(*args, **kwargs)
