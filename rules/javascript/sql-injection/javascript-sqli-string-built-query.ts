import { Request, Response } from 'express';
import { DataSource } from 'typeorm';

const dataSource = new DataSource({ type: 'postgres' });

export async function findUser(req: Request, res: Response) {
  const email = req.body.email as string;
  // ruleid: javascript-sqli-string-built-query
  const users = await dataSource.query(`SELECT * FROM "user" WHERE email = '${email}'`);
  // ok: javascript-sqli-string-built-query
  const same = await dataSource.query('SELECT * FROM "user" WHERE email = $1', [email]);
  res.json({ users, same });
}
