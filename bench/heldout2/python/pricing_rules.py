"""Pricing rules API: discount formulas, feature flags and admin scripting (FastAPI)."""

from __future__ import annotations

import ast
import builtins
import operator
import re
from decimal import Decimal
from typing import Any

from fastapi import APIRouter, Body, Depends, HTTPException
from pydantic import BaseModel, Field

router = APIRouter(prefix="/pricing")

OPERATIONS = {"add": operator.add, "sub": operator.sub, "mul": operator.mul, "pct": lambda a, b: a * b / 100}
FORMULA_RE = re.compile(r"[0-9+\-*/(). ]{1,200}")
SAVED_FORMULAS = {"black_friday": "price * 0.7", "staff": "price * 0.85", "bulk": "price - 5"}


class Rule(BaseModel):
    name: str
    formula: str = Field(max_length=200)


def require_admin() -> None:
    """Auth dependency (implemented in the real app)."""


@router.post("/evaluate")
async def evaluate(rule: Rule, price: float):
    # request model field evaluated with eval(), builtins removed (not a control)
    # ruleid: code-injection
    value = eval(rule.formula, {"__builtins__": {}}, {"price": price})
    return {"value": value}


@router.post("/evaluate/literal")
async def evaluate_literal(payload: str = Body(...)):
    # literal-only parser
    # ok: code-injection
    value = ast.literal_eval(payload)
    return {"value": value}


@router.post("/evaluate/arith")
async def evaluate_arith(expr: str = Body(...)):
    if not FORMULA_RE.fullmatch(expr):
        raise HTTPException(status_code=400, detail="formula may only contain numbers and operators")
    # anchored full-match regex of digits and operators dominates the eval
    # ok: code-injection
    return {"value": eval(expr, {"__builtins__": {}})}


@router.post("/evaluate/op/{op}")
async def evaluate_op(op: str, a: Decimal, b: Decimal):
    fn = OPERATIONS.get(op)
    if fn is None:
        raise HTTPException(status_code=404)
    # table of allowed operations
    # ok: code-injection
    return {"value": fn(a, b)}


@router.post("/evaluate/saved/{name}")
async def evaluate_saved(name: str, price: float):
    if name not in SAVED_FORMULAS:
        raise HTTPException(status_code=404)
    # formula looked up in a constant dictionary
    # ok: code-injection
    return {"value": eval(SAVED_FORMULAS[name], {"__builtins__": {}}, {"price": price})}


@router.post("/evaluate/length-checked")
async def evaluate_length_checked(expr: str = Body(...)):
    if len(expr) > 40 or not isinstance(expr, str):
        raise HTTPException(status_code=400)
    # length and type checks only
    # ruleid: code-injection
    return {"value": builtins.eval(expr)}


@router.post("/flags/compile", dependencies=[Depends(require_admin)])
async def compile_flag(source: str = Body(...)):
    # admin-only endpoint, but still request data compiled as code
    # ruleid: code-injection
    code = compile(source, "<flag>", "eval")
    return {"names": list(code.co_names)}


@router.post("/scripts/run", dependencies=[Depends(require_admin)])
async def run_script(script: str = Body(...)):
    namespace: dict[str, Any] = {}
    # exec of a request body
    # ruleid: code-injection
    exec(script, namespace)
    return {"result": repr(namespace.get("result"))}


@router.post("/evaluate/ab")
async def evaluate_ab(a: str = Body(...), op: str = Body(...), b: str = Body(...)):
    # operands and operator pasted into an expression string
    # ruleid: code-injection
    return {"value": eval(f"{a} {op} {b}")}


@router.post("/evaluate/numbers")
async def evaluate_numbers(a: str = Body(...), b: str = Body(...)):
    x, y = float(a), float(b)
    # both operands coerced with float() before formatting
    # ok: code-injection
    return {"value": eval(f"{x} + {y}")}


def apply_rule(rule_source: str, context: dict[str, Any]) -> Any:
    # library helper: rule text is a parameter (unknown callers)
    # ruleid: code-injection
    return eval(rule_source, {"__builtins__": {}}, context)


def pattern_for(user_pattern: str) -> re.Pattern[str]:
    # re.compile is not the built-in compile()
    # ok: code-injection
    return re.compile(re.escape(user_pattern))
