from pathlib import Path

from fastapi import FastAPI, HTTPException
from fastapi.responses import PlainTextResponse, Response

app = FastAPI()

STORAGE = Path("/var/lib/docs")


@app.get("/docs/{filename}")
def get_doc(filename: str):
    resolved = (STORAGE / filename).resolve()
    if not resolved.is_relative_to(STORAGE.resolve()):
        raise HTTPException(status_code=400, detail="path not allowed")
    data = resolved.read_bytes()
    return Response(content=data, media_type="application/octet-stream")


@app.put("/drafts/{title}")
def save_draft(title: str, body: str):
    draft = STORAGE / "drafts" / f"{title}.md"
    resolved = draft.resolve()
    if not resolved.is_relative_to((STORAGE / "drafts").resolve()):
        raise HTTPException(status_code=400, detail="path not allowed")
    resolved.write_text(body)
    return {"saved": title}


@app.get("/raw")
def raw(path: str):
    # The whole path comes from the request: there is no base directory to stay in.
    with Path(path).open() as fh:
        return PlainTextResponse(fh.read())
