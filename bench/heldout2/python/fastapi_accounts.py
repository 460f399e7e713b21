"""Accounts service (FastAPI + SQLAlchemy 2.0, async)."""

from __future__ import annotations

import hashlib
import os
import random
import secrets
from datetime import UTC, datetime, timedelta
from typing import Annotated, Literal

import bcrypt
import jwt
from fastapi import Cookie, Depends, FastAPI, Form, Header, HTTPException, Query, Request, Response
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import RedirectResponse
from jose import jwt as jose_jwt
from pydantic import BaseModel, EmailStr
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker, create_async_engine

# ok: hardcoded-secret
JWT_SECRET = os.environ["JWT_SECRET"]
JWT_ALGORITHMS = ["HS256"]
FRONTEND_URL = os.environ.get("FRONTEND_URL", "https://app.example.com")
engine = create_async_engine(os.environ["DATABASE_URL"])
SessionLocal = async_sessionmaker(engine, expire_on_commit=False)

# debug flag hard-coded on the application object
# ruleid: debug-mode
app = FastAPI(title="accounts", debug=True)

# wildcard origins together with credentials
# ruleid: permissive-cors
app.add_middleware(
    CORSMiddleware,
    allow_origins=["*"],
    allow_credentials=True,
    allow_methods=["*"],
    allow_headers=["*"],
)


async def get_session():
    async with SessionLocal() as session:
        yield session


class SignupIn(BaseModel):
    email: EmailStr
    password: str
    display_name: str


@app.post("/signup")
async def signup(body: SignupIn, db: Annotated[AsyncSession, Depends(get_session)]):
    salt = secrets.token_hex(8)
    # salted SHA-512: still a fast digest
    # ruleid: weak-password-hash
    pw_hash = hashlib.sha512((salt + body.password).encode()).hexdigest()
    # bound parameters with text()
    # ok: sql-injection
    await db.execute(
        text("INSERT INTO users (email, pw_salt, pw_hash, name) VALUES (:e, :s, :h, :n)"),
        {"e": body.email, "s": salt, "h": pw_hash, "n": body.display_name},
    )
    await db.commit()
    return {"ok": True}


@app.post("/v2/signup")
async def signup_v2(body: SignupIn, db: Annotated[AsyncSession, Depends(get_session)]):
    # bcrypt with a per-password salt
    # ok: weak-password-hash
    pw_hash = bcrypt.hashpw(body.password.encode(), bcrypt.gensalt(rounds=12))
    # ok: sql-injection
    await db.execute(text("INSERT INTO users (email, pw_hash) VALUES (:e, :h)"), {"e": body.email, "h": pw_hash})
    await db.commit()
    return {"ok": True}


@app.post("/password-reset")
async def request_reset(email: Annotated[str, Form()], db: Annotated[AsyncSession, Depends(get_session)]):
    # ok: weak-randomness
    reset_token = secrets.token_urlsafe(32)
    # SHA-256 of a 256-bit random token: the usual design
    # ok: weak-password-hash
    token_digest = hashlib.sha256(reset_token.encode()).hexdigest()
    # six-digit code from random.randint
    # ruleid: weak-randomness
    verification_code = f"{random.randint(0, 999999):06d}"
    # ok: sql-injection
    await db.execute(
        text("UPDATE users SET reset_digest = :d, reset_code = :c WHERE email = :e"),
        {"d": token_digest, "c": verification_code, "e": email},
    )
    await db.commit()
    return {"sent": True}


@app.get("/users")
async def list_users(
    db: Annotated[AsyncSession, Depends(get_session)],
    sort: Literal["email", "created_at", "name"] = "created_at",
    team: str = Query(""),
):
    # [beyond docs] sort is a Literal[...] parameter that FastAPI validates; team is bound
    # ok: sql-injection
    rows = await db.execute(text(f"SELECT id, email FROM users WHERE team = :t ORDER BY {sort}"), {"t": team})
    return [dict(r._mapping) for r in rows]


@app.get("/users/by-domain")
async def users_by_domain(domain: str, db: Annotated[AsyncSession, Depends(get_session)]):
    # query parameter of a FastAPI handler pasted into text()
    # ruleid: sql-injection
    rows = await db.execute(text("SELECT id, email FROM users WHERE email LIKE '%@" + domain + "'"))
    return [dict(r._mapping) for r in rows]


@app.get("/users/{user_id}/audit")
async def audit(user_id: int, db: Annotated[AsyncSession, Depends(get_session)], since: str = "2025-01-01"):
    conn = await db.connection()
    # user_id typed int; since is an arbitrary string
    # ruleid: sql-injection
    result = await conn.exec_driver_sql(f"SELECT * FROM audit_log WHERE user_id = {user_id} AND at >= '{since}'")
    return [dict(r._mapping) for r in result]


def current_claims(authorization: Annotated[str, Header()]) -> dict:
    token = authorization.removeprefix("Bearer ").strip()
    try:
        # fixed algorithm list, signature verified
        # ok: jwt-not-verified
        return jwt.decode(token, JWT_SECRET, algorithms=JWT_ALGORITHMS, audience="accounts")
    except jwt.InvalidTokenError as exc:
        raise HTTPException(status_code=401) from exc


def claims_from_cookie(session_token: Annotated[str | None, Cookie()] = None) -> dict:
    if session_token is None:
        raise HTTPException(status_code=401)
    # signature check switched off
    # ruleid: jwt-not-verified
    return jwt.decode(session_token, options={"verify_signature": False})


def claims_legacy(token: str) -> dict:
    # no algorithm list: the token header chooses
    # ruleid: jwt-not-verified
    return jwt.decode(token, JWT_SECRET)


def claims_partner(token: str, partner_key: str) -> dict:
    # 'none' accepted in the algorithm list
    # ruleid: jwt-not-verified
    return jwt.decode(token, partner_key, algorithms=["HS256", "none"])


def claims_relaxed(token: str) -> dict:
    # expiry check relaxed, signature still verified
    # ok: jwt-not-verified
    return jwt.decode(token, JWT_SECRET, algorithms=["HS256"], options={"verify_exp": False})


def claims_jose(token: str) -> dict:
    # python-jose with a fixed algorithm list
    # ok: jwt-not-verified
    return jose_jwt.decode(token, JWT_SECRET, algorithms=["HS256"])


def key_id(token: str) -> str:
    # reading the header to pick a key
    # ok: jwt-not-verified
    return jwt.get_unverified_header(token)["kid"]


def user_from_gateway(token: str) -> str:
    # [beyond docs] python-jose unverified claims used to identify the caller
    # ruleid: jwt-not-verified
    claims = jose_jwt.get_unverified_claims(token)
    return claims["sub"]


@app.post("/login")
async def login(response: Response, email: Annotated[str, Form()], password: Annotated[str, Form()]):
    # signing, not decoding
    # ok: jwt-not-verified
    token = jwt.encode({"sub": email, "exp": datetime.now(UTC) + timedelta(hours=8)}, JWT_SECRET, algorithm="HS256")
    # access token cookie: httponly, no secure keyword
    # ruleid: insecure-cookie
    response.set_cookie(key="access_token", value=token, httponly=True, samesite="lax")
    # both flags set
    # ok: insecure-cookie
    response.set_cookie("refresh_token", secrets.token_urlsafe(48), secure=True, httponly=True, path="/refresh")
    return {"ok": True}


@app.post("/logout")
async def logout(response: Response):
    # deleting the cookie
    # ok: insecure-cookie
    response.delete_cookie("access_token")
    return {"ok": True}


@app.get("/oauth/callback")
async def oauth_callback(request: Request, state: str, redirect_to: str = "/"):
    # handler parameter used as the redirect target
    # ruleid: open-redirect
    return RedirectResponse(url=redirect_to, status_code=303)


@app.get("/welcome")
async def welcome(claims: Annotated[dict, Depends(current_claims)]):
    # configured base URL followed by a constant path
    # ok: open-redirect
    return RedirectResponse(f"{FRONTEND_URL}/welcome?first=1")


@app.get("/u/{handle}")
async def profile_link(handle: str):
    # constant path prefix, user part after it
    # ok: open-redirect
    return RedirectResponse(f"/profiles/{handle}")
