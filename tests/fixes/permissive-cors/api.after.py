"""Account API (Flask) called from the web front end with the session cookie."""

from flask import Flask
from flask_cors import CORS

# Origins allowed to call this API with the user's cookies: list the trusted ones.
ALLOWED_ORIGINS: list[str] = []

app = Flask(__name__)
CORS(app, origins=ALLOWED_ORIGINS, supports_credentials=True)
