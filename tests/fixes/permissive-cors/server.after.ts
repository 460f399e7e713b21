import cors from "cors";
import express from "express";

// Origins allowed to call this API with the user's cookies: list the trusted ones.
const ALLOWED_ORIGINS: string[] = [];

const app = express();

app.use(cors({ origin: ALLOWED_ORIGINS, credentials: true }));
