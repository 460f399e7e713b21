from fastapi import Depends, FastAPI
from sqlalchemy import create_engine, text
from sqlalchemy.orm import Session, sessionmaker

engine = create_engine("postgresql+psycopg2://app@localhost/inventory")
SessionLocal = sessionmaker(bind=engine)
app = FastAPI()


def get_db():
    db = SessionLocal()
    try:
        yield db
    finally:
        db.close()


@app.get("/items/search")
def search_items(q: str, category: str, db: Session = Depends(get_db)):
    rows = db.execute(
        text(f"SELECT id, name FROM items WHERE name ILIKE '%{q}%' AND category = '{category}'")
    ).all()
    return [dict(r._mapping) for r in rows]


@app.get("/items/by-owner")
def by_owner(owner: str, db: Session = Depends(get_db)):
    return db.execute(text("SELECT * FROM items WHERE owner = '" + owner + "'")).scalars().all()
