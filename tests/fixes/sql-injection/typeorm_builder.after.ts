import { Request, Response } from "express";
import { dataSource } from "./data-source";
import { User } from "./entities";

export async function findUsers(req: Request, res: Response) {
  const name = String(req.query.name);
  const team = String(req.query.team);
  const qb = dataSource.getRepository(User).createQueryBuilder("u");
  qb.where("u.name = :name", { name });
  qb.andWhere("u.team = :team", { team });
  res.json(await qb.getMany());
}
