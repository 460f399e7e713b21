// GraphQL Yoga server for a recipes site: resolvers over knex, mongoose and HTTP.
import { createSchema, createYoga } from "graphql-yoga";
import jwt from "jsonwebtoken";
import knexFactory from "knex";
import mongoose from "mongoose";

const knex = knexFactory({ client: "pg", connection: process.env.DATABASE_URL });
const Review = mongoose.model("Review", new mongoose.Schema({ recipe: String, author: String, stars: Number }));
const NUTRITION_API = "https://nutrition.example/api/v1";

export const schema = createSchema({
  typeDefs: /* GraphQL */ `
    scalar JSON
    type Query {
      recipes(cuisine: String!, orderBy: String): [Recipe!]!
      reviews(filter: JSON): [Review!]!
      reviewsBy(author: String!): [Review!]!
      nutrition(ingredient: String!): JSON
      preview(url: String!): String
      me: String
    }
    type Recipe { id: ID! title: String! }
    type Review { id: ID! stars: Int! }
  `,
  resolvers: {
    Query: {
      recipes: async (_parent, { cuisine, orderBy }) => {
        // [extended sink] knex whereRaw with the cuisine concatenated into the clause
        // ruleid: sql-injection
        const rows = await knex("recipes").whereRaw("cuisine = '" + cuisine + "'");
        // knex.raw with a ? binding
        // ok: sql-injection
        const counted = await knex.raw("SELECT count(*) FROM recipes WHERE cuisine = ?", [cuisine]);
        // the orderBy argument pasted into knex.raw
        // ruleid: sql-injection
        const ordered = await knex.raw(`SELECT id, title FROM recipes ORDER BY ${orderBy ?? "title"}`);
        return rows.length ? rows : ordered.rows.concat(counted.rows);
      },
      reviews: async (_parent, args) => {
        // a JSON-scalar argument used as the whole Mongo filter
        // ruleid: nosql-injection
        return Review.find(args.filter ?? {});
      },
      reviewsBy: async (_parent, { author }) => {
        // [beyond docs] a String! argument cannot be an object (held-out 5's verdict)
        // ok: nosql-injection
        return Review.find({ author });
      },
      nutrition: async (_parent, { ingredient }) => {
        // fixed host, the ingredient only in the path
        // ok: ssrf
        const res = await fetch(`${NUTRITION_API}/ingredients/${encodeURIComponent(ingredient)}`);
        return res.json();
      },
      preview: async (_parent, { url }) => {
        // a URL argument fetched by the server
        // ruleid: ssrf
        const res = await fetch(url);
        return (await res.text()).slice(0, 200);
      },
      me: (_parent, _args, ctx) => {
        const token = ctx.request.headers.get("authorization")?.replace("Bearer ", "") ?? "";
        // jsonwebtoken decode() reads claims without checking the signature
        // ruleid: jwt-not-verified
        const claims = jwt.decode(token);
        // verify() with a fixed algorithm list
        // ok: jwt-not-verified
        const checked = jwt.verify(token, process.env.JWT_SECRET ?? "", { algorithms: ["HS256"] });
        return JSON.stringify({ claims, checked });
      },
    },
  },
});

export const yoga = createYoga({ schema });
