from django.urls import path

from bot import views

urlpatterns = [path("webhook/whatsapp", views.whatsapp_webhook)]
