from pathlib import Path

from fastapi import FastAPI
from fastapi.responses import PlainTextResponse, Response

app = FastAPI()

STORAGE = Path("/var/lib/docs")


@app.get("/docs/{filename}")
def get_doc(filename: str):
    data = (STORAGE / filename).read_bytes()
    return Response(content=data, media_type="application/octet-stream")


@app.put("/drafts/{title}")
def save_draft(title: str, body: str):
    draft = STORAGE / "drafts" / f"{title}.md"
    draft.write_text(body)
    return {"saved": title}


@app.get("/raw")
def raw(path: str):
    # The whole path comes from the request: there is no base directory to stay in.
    with Path(path).open() as fh:
        return PlainTextResponse(fh.read())
