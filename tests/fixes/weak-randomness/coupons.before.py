"""Coupon codes: the fix moves the random module's call to the OS generator."""
import random
import string


def issue_coupon(percent_off: int) -> dict:
    code = "".join(random.choices(string.ascii_uppercase + string.digits, k=8))
    return {"code": code, "percent_off": percent_off}
