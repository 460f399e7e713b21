import type { Request, Response } from "express";
import knexFactory from "knex";
import { QueryTypes, Sequelize } from "sequelize";

const knex = knexFactory({ client: "pg", connection: process.env.DATABASE_URL });
const sequelize = new Sequelize(process.env.DATABASE_URL as string);

export class ProductRepository {
  async findByName(name: string) {
    return knex.raw(`SELECT * FROM products WHERE name = '${name}'`);
  }
}

export async function userByEmail(req: Request, res: Response): Promise<void> {
  const email = req.body.email as string;
  const users = await sequelize.query(`SELECT * FROM users WHERE email = '${email}'`, {
    type: QueryTypes.SELECT,
  });
  res.json(users);
}
