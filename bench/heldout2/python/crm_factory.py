"""CRM web app: config classes, forms and the application factory."""

from __future__ import annotations

import os

from flask import Flask, flash, redirect, render_template, request, session, url_for
from flask_cors import CORS
from flask_login import LoginManager, current_user, login_required, login_user, logout_user
from flask_socketio import SocketIO
from flask_sqlalchemy import SQLAlchemy
from flask_wtf import FlaskForm
from werkzeug.debug import DebuggedApplication
from werkzeug.serving import run_simple
from wtforms import EmailField, PasswordField, StringField
from wtforms.validators import DataRequired

db = SQLAlchemy()
login_manager = LoginManager()
socketio = SocketIO()


class Config:
    SQLALCHEMY_DATABASE_URI = os.environ.get("DATABASE_URL", "sqlite:///crm.db")
    # ok: hardcoded-secret
    SECRET_KEY = os.environ.get("CRM_SECRET_KEY")
    # ok: missing-csrf
    WTF_CSRF_ENABLED = True


class ProductionConfig(Config):
    # CSRF turned off in the production config class
    # ruleid: missing-csrf
    WTF_CSRF_ENABLED = False
    # [beyond docs] debug on in the production config class
    # ruleid: debug-mode
    DEBUG = True


class TestingConfig(Config):
    TESTING = True
    # test config class
    # ok: missing-csrf
    WTF_CSRF_ENABLED = False


class LoginForm(FlaskForm):
    email = EmailField("Email", validators=[DataRequired()])
    password = PasswordField("Password", validators=[DataRequired()])


class NoteForm(FlaskForm):
    body = StringField("Note", validators=[DataRequired()])

    class Meta:
        # per-form CSRF disabled
        # ruleid: missing-csrf
        csrf = False


class SearchForm(FlaskForm):
    q = StringField("q")

    class Meta:
        # ok: missing-csrf
        csrf = True


def quick_note_form(formdata):
    # CSRF disabled through the meta argument
    # ruleid: missing-csrf
    return NoteForm(formdata=formdata, meta={"csrf": False})


def create_app(config_object: type[Config] = Config) -> Flask:
    # forms are FlaskForms with CSRF on (NoteForm's opt-out is reported at its Meta); only logout lacks a token
    # ok: missing-csrf
    app = Flask(__name__)
    app.config.from_object(config_object)
    db.init_app(app)
    login_manager.init_app(app)
    socketio.init_app(app)
    # credentials with no origins list
    # ruleid: permissive-cors
    CORS(app, supports_credentials=True)

    @app.route("/login", methods=["GET", "POST"])
    def login():
        form = LoginForm()
        if form.validate_on_submit():
            # ORM select with a bound filter
            # ok: sql-injection
            user = db.session.execute(db.select(User).filter_by(email=form.email.data)).scalar_one_or_none()
            if user and user.check_password(form.password.data):
                login_user(user)
                # route name
                # ok: open-redirect
                return redirect(url_for("contacts"))
            flash("Invalid credentials")
        return render_template("login.html", form=form)

    @app.post("/logout")
    @login_required
    def logout():
        logout_user()
        session.clear()
        # ok: open-redirect
        return redirect(url_for("login"))

    @app.get("/contacts")
    @login_required
    def contacts():
        return render_template("contacts.html", user=current_user)

    @app.post("/contacts/<int:contact_id>/notes")
    @login_required
    def add_note(contact_id):
        form = quick_note_form(request.form)
        if form.validate():
            db.session.add(Note(contact_id=contact_id, body=form.body.data, author_id=current_user.id))
            db.session.commit()
        back = request.form.get("back", "")
        # user-supplied return path after a successful POST
        # ruleid: open-redirect
        return redirect(back or url_for("contacts"))

    return app


def create_api_app() -> Flask:
    # [beyond docs] second factory: cookie-authenticated POST route with no form and no CSRFProtect
    # (the module-level FlaskForm / WTF_CSRF_* names protect nothing here)
    # ruleid: missing-csrf
    api = Flask("crm_api")
    login_manager.init_app(api)
    # explicit origin list with credentials
    # ok: permissive-cors
    CORS(api, origins=["https://crm.example.com"], supports_credentials=True)

    @api.post("/api/contacts/<int:contact_id>/star")
    @login_required
    def star(contact_id):
        # ORM update statement
        # ok: sql-injection
        db.session.execute(db.update(Contact).where(Contact.id == contact_id).values(starred=True))
        db.session.commit()
        return {"ok": True}

    # [beyond docs] debug on through config.update
    # ruleid: debug-mode
    api.config.update(DEBUG=True, JSON_SORT_KEYS=False)
    return api


class User(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    email = db.Column(db.String(255), unique=True)


class Contact(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    starred = db.Column(db.Boolean, default=False)


class Note(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    contact_id = db.Column(db.Integer)
    author_id = db.Column(db.Integer)
    body = db.Column(db.Text)


def serve_dev():
    app = create_app()
    # interactive debugger with code evaluation
    # ruleid: debug-mode
    app.wsgi_app = DebuggedApplication(app.wsgi_app, evalex=True)
    # reloader only, no debugger
    # ok: debug-mode
    run_simple("127.0.0.1", 5000, app, use_reloader=True)


def serve_lan():
    app = create_app()
    # Werkzeug debugger on all interfaces
    # ruleid: debug-mode
    run_simple("0.0.0.0", 5000, app, use_debugger=True, use_reloader=True)


def serve_socketio():
    app = create_app(ProductionConfig)
    # Flask-SocketIO runner with debug on
    # ruleid: debug-mode
    socketio.run(app, host="0.0.0.0", port=8000, debug=True)


def serve_socketio_env():
    app = create_app(ProductionConfig)
    # ok: debug-mode
    socketio.run(app, host="0.0.0.0", port=8000, debug=os.environ.get("CRM_DEBUG", "0") == "1")


def enable_debug_attr():
    app = create_app()
    # debug attribute set on the app object
    # ruleid: debug-mode
    app.debug = True
    return app
