import httpx
from fastapi import FastAPI
from pydantic import BaseModel, HttpUrl

app = FastAPI()


class Hook(BaseModel):
    url: HttpUrl


@app.post("/hooks")
async def register(hook: Hook):
    async with httpx.AsyncClient(timeout=5) as client:
        resp = await client.post(str(hook.url), json={"type": "verification"})
    return {"verified": resp.status_code == 200}


@app.get("/fetch")
def fetch(target: str):
    return {"length": len(httpx.get(target).content)}
