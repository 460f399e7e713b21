"""Billing service settings."""

import stripe
from flask import Flask

app = Flask(__name__)
app.secret_key = "super-secret-key-9f8e7d"
app.config["JWT_SECRET_KEY"] = "b7c1e0a94f2d4e6a8c3b5d7f9a1c2e4f"
stripe.api_key = "sk_live_4f9a7c1e5b2d8f4a6c0e"

SMTP = {"host": "smtp.mailgun.org", "password": "8c4f2e6a1b9d3c7e5f0a"}
