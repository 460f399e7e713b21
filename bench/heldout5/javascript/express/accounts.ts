// Accounts module: Express router -> AccountService -> AccountRepository over TypeORM.
import express, { Request, Response } from "express";
import fs from "node:fs";
import path from "node:path";
import { DataSource } from "typeorm";
import { Account } from "./entities/Account";

const AVATAR_DIR = path.resolve(__dirname, "../storage/avatars");
const SORT_COLUMNS = new Set(["created_at", "email", "last_login"]);

function assertSortColumn(column: string): void {
  if (!SORT_COLUMNS.has(column)) {
    throw new Error(`cannot sort by ${column}`);
  }
}

function isSafeColumn(column: string): boolean {
  return SORT_COLUMNS.has(column);
}

class AccountRepository {
  constructor(private readonly dataSource: DataSource) {}

  byEmail(email: string) {
    // TypeORM DataSource.query with the caller's email in the text [extended sink]
    // ruleid: sql-injection
    return this.dataSource.query(`SELECT * FROM accounts WHERE email = '${email}'`);
  }

  byEmailSafe(email: string) {
    // DataSource.query with $1 and a parameter array [extended sink]
    // ok: sql-injection
    return this.dataSource.query("SELECT * FROM accounts WHERE email = $1", [email]);
  }

  searchByName(name: string) {
    const qb = this.dataSource.getRepository(Account).createQueryBuilder("a");
    // query-builder where() with the value in the condition text [extended sink]
    // ruleid: sql-injection
    return qb.where(`a.display_name LIKE '%${name}%'`).getMany();
  }

  searchByNameSafe(name: string) {
    const qb = this.dataSource.getRepository(Account).createQueryBuilder("a");
    // named parameter :name [extended sink]
    // ok: sql-injection
    return qb.where("a.display_name LIKE :name", { name: `%${name}%` }).getMany();
  }

  listSorted(column: string) {
    assertSortColumn(column);
    // same-file validator that throws unless the column is in the set
    // ok: sql-injection
    return this.dataSource.query(`SELECT id, email FROM accounts ORDER BY ${column}`);
  }

  listSortedLoose(column: string) {
    isSafeColumn(column);
    // predicate called, its result dropped
    // ruleid: sql-injection
    return this.dataSource.query(`SELECT id, email FROM accounts ORDER BY ${column}`);
  }
}

class AccountService {
  constructor(private readonly repo: AccountRepository) {}

  lookup(email: string) {
    return Promise.all([this.repo.byEmail(email), this.repo.byEmailSafe(email)]);
  }

  search(name: string, sort: string) {
    return Promise.all([this.repo.searchByName(name), this.repo.searchByNameSafe(name), this.repo.listSorted(sort), this.repo.listSortedLoose(sort)]);
  }
}

export function accountsRouter(dataSource: DataSource) {
  const router = express.Router();
  const service = new AccountService(new AccountRepository(dataSource));

  router.get("/lookup", async (req: Request, res: Response) => {
    res.json(await service.lookup(String(req.query.email)));
  });

  router.get("/search", async (req: Request, res: Response) => {
    res.json(await service.search(String(req.query.name ?? ""), String(req.query.sort ?? "created_at")));
  });

  router.post("/avatar", (req: Request, res: Response) => {
    const buf = Buffer.from(req.body.imageBase64, "base64");
    // body-supplied file name joined onto the avatar directory
    // ruleid: path-traversal
    fs.writeFileSync(path.join(AVATAR_DIR, req.body.fileName), buf);
    res.status(201).end();
  });

  router.post("/avatar/safe", (req: Request, res: Response) => {
    const buf = Buffer.from(req.body.imageBase64, "base64");
    // basename of the body value
    // ok: path-traversal
    fs.writeFileSync(path.join(AVATAR_DIR, path.basename(String(req.body.fileName))), buf);
    res.status(201).end();
  });

  router.get("/avatar/:file", (req: Request, res: Response) => {
    // sendFile with a root option
    // ok: path-traversal
    res.sendFile(req.params.file, { root: AVATAR_DIR });
  });

  router.get("/avatar-legacy/:file", (req: Request, res: Response) => {
    // download() of a joined path
    // ruleid: path-traversal
    res.download(path.join(AVATAR_DIR, req.params.file));
  });

  router.get("/continue", (req: Request, res: Response) => {
    // query value as the redirect target
    // ruleid: open-redirect
    res.redirect(req.query.continue as string);
  });

  router.post("/:id/saved", (req: Request, res: Response) => {
    // constant path prefix, status first
    // ok: open-redirect
    res.redirect(303, `/accounts/${encodeURIComponent(req.params.id)}`);
  });

  router.get("/page", (req: Request, res: Response) => {
    // "/" + value can become //evil.example
    // ruleid: open-redirect
    res.redirect("/" + String(req.query.page ?? ""));
  });

  return router;
}
