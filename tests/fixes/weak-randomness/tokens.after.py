import random
import string

ALPHABET = string.ascii_letters + string.digits


def new_reset_token() -> str:
    return "".join(random.SystemRandom().choice(ALPHABET) for _ in range(32))


def issue_code(user) -> None:
    user.otp_code = random.SystemRandom().randint(100000, 999999)
