"""URL configuration of the `ledger` project."""

from django.contrib import admin
from django.urls import path
from django.views.decorators.csrf import csrf_exempt

from ledger.billing import views as billing
from ledger.payments import views as payments

urlpatterns = [
    path("admin/", admin.site.urls),
    path("billing/", billing.invoice_list, name="invoices"),
    path("billing/search/", billing.invoice_search, name="invoice-search"),
    # cookie-authenticated transfer view exempted in the URLconf
    # ruleid: missing-csrf
    path("payments/transfer/", csrf_exempt(payments.transfer), name="transfer"),
    # same view without the wrapper
    # ok: missing-csrf
    path("payments/transfer/v2/", payments.transfer, name="transfer-v2"),
    # settings form exempted in the URLconf
    # ruleid: missing-csrf
    path("billing/settings/", csrf_exempt(billing.ExportView.as_view()), name="billing-settings"),
]
