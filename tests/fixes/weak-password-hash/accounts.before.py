import hashlib

from app.db import users


def register(name: str, password: str) -> None:
    users.insert(name=name, password_hash=hashlib.sha256(password.encode()).hexdigest())


def login(name: str, password: str) -> bool:
    user = users.get(name=name)
    return hashlib.md5(password.encode()).hexdigest() == user.password_hash
