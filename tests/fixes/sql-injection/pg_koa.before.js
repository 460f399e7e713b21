// Tickets API on PostgreSQL (Koa + pg): $1, $2 placeholders.
const Koa = require('koa')
const Router = require('@koa/router')
const { Pool } = require('pg')

const app = new Koa()
const router = new Router()
const pool = new Pool({ connectionString: process.env.DATABASE_URL })

router.get('/tickets', async (ctx) => {
  const { assignee, state } = ctx.query
  const { rows } = await pool.query(`SELECT * FROM tickets WHERE assignee = '${assignee}' AND state = '${state}'`)
  ctx.body = rows
})

router.get('/tickets/search', async (ctx) => {
  // "😀 中文" in a comment: positions after it are counted in the client's encoding.
  const term = ctx.query.term; const { rows } = await pool.query("SELECT * FROM tickets WHERE title LIKE '%" + term + "%'")
  ctx.body = rows
})

app.use(router.routes())
app.listen(3000)
