"""Billing service settings."""

import os

import stripe
from flask import Flask

app = Flask(__name__)
app.secret_key = os.environ["SECRET_KEY"]
app.config["JWT_SECRET_KEY"] = os.environ["JWT_SECRET_KEY"]
stripe.api_key = os.environ["STRIPE_API_KEY"]

SMTP = {"host": "smtp.mailgun.org", "password": os.environ["SMTP_PASSWORD"]}
