// Consumer of the storefront's order events: updates the warehouse database, prints
// shipping labels and notifies the marketplace that sold the order.
import { exec, execFile } from "node:child_process";
import { writeFile } from "node:fs/promises";
import axios from "axios";
import { Kafka } from "kafkajs";
import { MongoClient } from "mongodb";
import { Pool } from "pg";

type OrderEvent = { orderId: string; status: string; note?: string; callbackUrl?: string; marketplace?: string };

const pool = new Pool({ connectionString: process.env.WAREHOUSE_DB });
const mongo = new MongoClient(process.env.MONGO_URL ?? "mongodb://localhost:27017");
const shipments = mongo.db("warehouse").collection("shipments");
const MARKETPLACE_HOOKS: Record<string, string> = {
  etsy: "https://hooks.etsy-bridge.example.com/orders/",
  ebay: "https://hooks.ebay-bridge.example.com/orders/",
};

const kafka = new Kafka({ clientId: "warehouse", brokers: (process.env.BROKERS ?? "localhost:9092").split(",") });
const consumer = kafka.consumer({ groupId: "warehouse-orders" });

async function run(): Promise<void> {
  await consumer.connect();
  await consumer.subscribe({ topic: "orders", fromBeginning: false });
  await consumer.run({
    eachMessage: async ({ message }) => {
      const event = JSON.parse(message.value!.toString()) as OrderEvent;

      // the event's status and id pasted into the UPDATE
      // ruleid: sql-injection
      await pool.query(`UPDATE orders SET status = '${event.status}' WHERE id = '${event.orderId}'`);
      // both bound
      // ok: sql-injection
      await pool.query("UPDATE orders SET status = $1 WHERE id = $2", [event.status, event.orderId]);

      // a parsed JSON value in the filter can be an operator object
      // ruleid: nosql-injection
      await shipments.updateOne({ orderId: event.orderId }, { $set: { status: event.status } });
      // String() first
      // ok: nosql-injection
      await shipments.updateOne({ orderId: String(event.orderId) }, { $set: { status: String(event.status) } });

      // the note goes into a shell command in hand-written quotes
      // ruleid: command-injection
      exec(`label-printer --order ${event.orderId} --note "${event.note ?? ""}"`);
      // an argument list
      // ok: command-injection
      execFile("label-printer", ["--order", event.orderId, "--note", event.note ?? ""]);

      // the order id names the spool file
      // ruleid: path-traversal
      await writeFile(`/var/spool/labels/${event.orderId}.zpl`, "^XA^XZ");
      const numericId = Number(event.orderId);
      // a number as the file name
      // ok: path-traversal
      await writeFile(`/var/spool/labels/${numericId}.zpl`, "^XA^XZ");

      if (event.callbackUrl) {
        // the event's own callback URL
        // ruleid: ssrf
        await axios.post(event.callbackUrl, { orderId: event.orderId, status: event.status });
      }
      const hook = MARKETPLACE_HOOKS[event.marketplace ?? ""];
      if (hook) {
        // a constant map of https://host/ bases
        // ok: ssrf
        await axios.post(hook + encodeURIComponent(event.orderId), { status: event.status });
      }
    },
  });
}

run().catch((err) => {
  console.error(err);
  process.exit(1);
});
