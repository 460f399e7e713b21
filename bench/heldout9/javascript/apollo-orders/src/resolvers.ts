import { createHash, randomBytes } from "node:crypto";
import { PrismaClient } from "@prisma/client";
import got from "got";
import { GraphQLError } from "graphql";
import { decodeJwt } from "jose";
import mongoose from "mongoose";
import { DataSource } from "typeorm";
import { Order } from "./entities/Order";

const prisma = new PrismaClient();
export const dataSource = new DataSource({ type: "postgres", url: process.env.DATABASE_URL, entities: [Order] });
const Review = mongoose.model("Review", new mongoose.Schema({ productId: String, stars: Number, body: String }));

export type Ctx = { userId: string | null };

export function contextFromRequest({ req }: { req: { headers: Record<string, string | undefined> } }): Ctx {
  const token = (req.headers.authorization ?? "").replace(/^Bearer /, "");
  // the token's payload decoded without verification and used as the identity
  // ruleid: jwt-not-verified
  const claims = token ? decodeJwt(token) : null;
  return { userId: (claims?.sub as string) ?? null };
}

export const resolvers = {
  Query: {
    async orders(_: unknown, args: { status: string; q?: string }, ctx: Ctx) {
      const qb = dataSource.getRepository(Order).createQueryBuilder("o");
      if (args.q) {
        // a where() condition built with the search text
        // ruleid: sql-injection
        qb.where(`o.reference ILIKE '%${args.q}%'`);
      }
      // the status as a named parameter
      // ok: sql-injection
      qb.andWhere("o.status = :status", { status: args.status }).andWhere("o.customerId = :uid", { uid: ctx.userId });
      return qb.getMany();
    },

    async orderTotals(_: unknown, args: { groupBy: string }) {
      // DataSource.query with the grouping column spliced in [extended sink]
      // ruleid: sql-injection
      return dataSource.query(`SELECT ${args.groupBy}, sum(total) FROM orders GROUP BY ${args.groupBy}`);
    },

    async orderById(_: unknown, args: { id: string }) {
      // $queryRawUnsafe with a positional value
      // ok: sql-injection
      const rows = await prisma.$queryRawUnsafe("SELECT * FROM orders WHERE id = $1", args.id);
      return (rows as unknown[])[0] ?? null;
    },

    async ordersSorted(_: unknown, args: { sort: string }) {
      // $queryRawUnsafe with the sort argument in the text
      // ruleid: sql-injection
      return prisma.$queryRawUnsafe(`SELECT * FROM orders ORDER BY ${args.sort} LIMIT 50`);
    },

    async reviews(_: unknown, args: { productId: string }) {
      // a GraphQL String argument cannot be an object [beyond docs]
      // ok: nosql-injection
      return Review.find({ productId: args.productId });
    },

    async reviewsWhere(_: unknown, args: { filterJson: string }) {
      // a JSON string parsed back into a filter object
      // ruleid: nosql-injection
      return Review.find(JSON.parse(args.filterJson));
    },
  },

  Customer: {
    async avatar(parent: { avatarUrl: string }, _args: unknown) {
      // the stored avatar URL a customer typed in, fetched from the server; a resolver parent is a parameter
      // ruleid: ssrf
      const res = await got(parent.avatarUrl, { timeout: { request: 3000 } });
      return res.rawBody.toString("base64");
    },
  },

  Mutation: {
    async inviteCustomer(_: unknown, args: { email: string }) {
      // an invite code made with Math.random()
      // ruleid: weak-randomness
      const inviteCode = Math.random().toString(36).slice(2, 10);
      // randomBytes
      // ok: weak-randomness
      const resetToken = randomBytes(32).toString("hex");
      return prisma.invite.create({ data: { email: args.email, inviteCode, resetToken } });
    },

    async setPassword(_: unknown, args: { password: string }, ctx: Ctx) {
      if (!ctx.userId) throw new GraphQLError("unauthenticated");
      // one round of SHA-256 over the password
      // ruleid: weak-password-hash
      const passwordHash = createHash("sha256").update(args.password).digest("hex");
      return prisma.user.update({ where: { id: ctx.userId }, data: { passwordHash } });
    },
  },
};
