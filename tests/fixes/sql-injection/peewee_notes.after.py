from flask import Flask, request
from peewee import Model, SqliteDatabase

app = Flask(__name__)
db = SqliteDatabase("notes.db")


class Note(Model):
    class Meta:
        database = db


@app.get("/notes")
def notes():
    title = request.args["title"]
    cursor = db.execute_sql("SELECT id, body FROM note WHERE title = ?", (title,))
    return {"notes": cursor.fetchall()}


@app.get("/notes/<note_id>")
def note(note_id):
    return {"note": list(Note.raw("SELECT * FROM note WHERE id = ?", note_id).dicts())}
