// GraphQL API of the handmade-goods marketplace (Apollo Server 4).
// Listings and orders live in Postgres, reviews and saved searches in MongoDB.

import { ApolloServer } from "@apollo/server";
import { startStandaloneServer } from "@apollo/server/standalone";
import gql from "graphql-tag";
import { GraphQLError } from "graphql";
import { MongoClient, ObjectId } from "mongodb";
import pg from "pg";
import { z } from "zod";

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL });
const mongo = new MongoClient(process.env.MONGO_URL ?? "mongodb://localhost:27017");
const reviews = mongo.db("market").collection("reviews");
const savedSearches = mongo.db("market").collection("saved_searches");

const SORT_COLUMNS: Record<string, string> = {
  newest: "l.created_at DESC",
  price_asc: "l.price_cents ASC",
  price_desc: "l.price_cents DESC",
};
const SHIPPING_API = "https://rates.shipping.example/v3/";
const IMAGE_HOSTS = new Set(["images.market.example", "cdn.market.example"]);

export const typeDefs = gql`
  scalar JSON

  type Listing {
    id: ID!
    title: String!
    priceCents: Int!
    shopSlug: String!
  }

  type Review {
    id: ID!
    rating: Int!
    body: String!
  }

  type Query {
    listings(category: String, sort: String, limit: Int): [Listing!]!
    searchListings(term: String!, shop: String): [Listing!]!
    reviews(listingId: String!, minRating: Int): [Review!]!
    reviewsWhere(filter: JSON!): [Review!]!
    shippingQuote(listingId: ID!, postcode: String!): Int
    savedSearch(owner: String!): JSON
  }

  type Mutation {
    importImage(listingId: ID!, imageUrl: String!): String
    setShopBanner(shop: String!, bannerUrl: String!): String
    archiveListings(ids: [ID!]!, reason: String): Int
    saveSearch(owner: String!, criteria: JSON!): Boolean
  }
`;

interface Ctx {
  userId: string | null;
}

const ArchiveInput = z.object({
  ids: z.array(z.coerce.number().int()),
  reason: z.enum(["sold_elsewhere", "discontinued", "policy"]).optional(),
});

async function listingRows(where: string, params: unknown[], order: string, limit: number) {
  const sql = `SELECT l.id, l.title, l.price_cents AS "priceCents", s.slug AS "shopSlug"
               FROM listings l JOIN shops s ON s.id = l.shop_id
               WHERE ${where} ORDER BY ${order} LIMIT ${limit}`;
  // callers pass constant clause text, an order from the constant map and a number
  // ok: sql-injection
  const { rows } = await pool.query(sql, params);
  return rows;
}

export const resolvers = {
  Query: {
    listings: async (_: unknown, args: { category?: string; sort?: string; limit?: number }) => {
      const order = SORT_COLUMNS[args.sort ?? "newest"] ?? SORT_COLUMNS.newest;
      const limit = Math.min(Number(args.limit ?? 20), 100);
      if (args.category) {
        return listingRows("l.category = $1", [args.category], order, limit);
      }
      return listingRows("TRUE", [], order, limit);
    },

    searchListings: async (_: unknown, { term, shop }: { term: string; shop?: string }) => {
      let sql = "SELECT id, title FROM listings WHERE title ILIKE $1";
      if (shop) {
        sql += ` AND shop_id = (SELECT id FROM shops WHERE slug = '${shop}')`;
      }
      // the shop argument spliced next to a bound term
      // ruleid: sql-injection
      const { rows } = await pool.query(sql, [`%${term}%`]);
      return rows;
    },

    reviews: async (_: unknown, args: { listingId: string; minRating?: number }) => {
      // both arguments are declared String / Int in the schema above
      // ok: nosql-injection
      return reviews.find({ listingId: args.listingId, rating: { $gte: args.minRating ?? 1 } }).toArray();
    },

    reviewsWhere: async (_: unknown, { filter }: { filter: Record<string, unknown> }) => {
      // a JSON scalar: any object, operators included
      // ruleid: nosql-injection
      return reviews.find(filter).limit(50).toArray();
    },

    shippingQuote: async (_: unknown, { listingId, postcode }: { listingId: string; postcode: string }) => {
      // constant https host, the arguments only in the path and query
      // ok: ssrf
      const res = await fetch(`${SHIPPING_API}quote/${encodeURIComponent(listingId)}?to=${encodeURIComponent(postcode)}`);
      const body = (await res.json()) as { cents: number };
      return body.cents;
    },

    savedSearch: async (_: unknown, { owner }: { owner: string }, ctx: Ctx) => {
      if (!ctx.userId) throw new GraphQLError("unauthenticated");
      // owner is declared String!
      // ok: nosql-injection
      return savedSearches.findOne({ owner });
    },
  },

  Mutation: {
    importImage: async (_: unknown, { listingId, imageUrl }: { listingId: string; imageUrl: string }) => {
      const { hostname, protocol } = new URL(imageUrl);
      if (protocol !== "https:" || !IMAGE_HOSTS.has(hostname)) {
        throw new GraphQLError("image host not allowed");
      }
      // host allowlist on the parsed URL, thrown otherwise
      // ok: ssrf
      const img = await fetch(imageUrl);
      // the listing id is bound
      // ok: sql-injection
      await pool.query("UPDATE listings SET image_bytes = $1 WHERE id = $2", [Buffer.from(await img.arrayBuffer()), listingId]);
      return "ok";
    },

    setShopBanner: async (_: unknown, { shop, bannerUrl }: { shop: string; bannerUrl: string }) => {
      // includes() on the URL text: https://evil.example/?cdn.market.example passes
      if (!bannerUrl.includes("cdn.market.example")) {
        throw new GraphQLError("banner must be on our CDN");
      }
      // a substring test of the URL is no host check
      // ruleid: ssrf
      const head = await fetch(bannerUrl, { method: "HEAD" });
      // the shop argument in the SQL text
      // ruleid: sql-injection
      await pool.query(`UPDATE shops SET banner_url = $1 WHERE slug = '${shop}'`, [bannerUrl]);
      return head.headers.get("content-type");
    },

    archiveListings: async (_: unknown, args: unknown) => {
      const { ids, reason } = ArchiveInput.parse(args);
      const list = ids.join(",");
      // [beyond docs] an array of z.coerce.number() ids joined with commas, and a z.enum reason
      // ok: sql-injection
      const res = await pool.query(`UPDATE listings SET archived = TRUE, archive_reason = '${reason ?? "policy"}' WHERE id IN (${list})`);
      return res.rowCount;
    },

    saveSearch: async (_: unknown, { owner, criteria }: { owner: string; criteria: Record<string, unknown> }) => {
      // the JSON criteria are stored as a document, and used as a filter right away
      // ruleid: nosql-injection
      const existing = await savedSearches.findOne(criteria);
      if (existing) return false;
      await savedSearches.insertOne({ owner, criteria, createdAt: new Date() });
      return true;
    },
  },
};

export async function start() {
  await mongo.connect();
  const server = new ApolloServer<Ctx>({ typeDefs, resolvers });
  const { url } = await startStandaloneServer(server, {
    context: async ({ req }) => ({ userId: (req.headers["x-user-id"] as string) ?? null }),
    listen: { port: Number(process.env.PORT ?? 4000) },
  });
  console.log(`marketplace graph ready at ${url}`);
  return new ObjectId();
}
