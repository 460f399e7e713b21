import hashlib
import hmac
import os

from app.db import users


def scrypt_verify_password(password: str | bytes, stored: str) -> bool:
    """Whether `password` matches a hash made by scrypt_hash_password (constant time)."""
    secret = password.encode() if isinstance(password, str) else password
    scheme, _, rest = stored.partition("$")
    salt, _, digest = rest.partition("$")
    if scheme != "scrypt" or not salt or not digest:
        return False
    expected = hashlib.scrypt(secret, salt=bytes.fromhex(salt), n=2**14, r=8, p=1)
    return hmac.compare_digest(expected.hex(), digest)


def scrypt_hash_password(password: str | bytes) -> str:
    """scrypt with a random salt per password, stored as "scrypt$<salt>$<digest>"."""
    secret = password.encode() if isinstance(password, str) else password
    salt = os.urandom(16)
    digest = hashlib.scrypt(secret, salt=salt, n=2**14, r=8, p=1)
    return f"scrypt${salt.hex()}${digest.hex()}"


def register(name: str, password: str) -> None:
    users.insert(name=name, password_hash=scrypt_hash_password(password.encode()))


def login(name: str, password: str) -> bool:
    user = users.get(name=name)
    return scrypt_verify_password(password.encode(), user.password_hash)
