// AdonisJS 6 controllers with Lucid's query client.
import type { HttpContext } from '@adonisjs/core/http';
import db from '@adonisjs/lucid/services/db';

const SORTABLE = new Set(['title', 'published_at']);

export default class ArticlesController {
  async search({ request, response }: HttpContext) {
    const term = request.input('q');
    // ruleid: javascript-sqli-raw-fragment
    const rows = await db.rawQuery(`SELECT id, title FROM articles WHERE title LIKE '%${term}%'`);
    return response.json(rows);
  }

  async byAuthor({ request }: HttpContext) {
    const { author } = request.only(['author']);
    // ruleid: javascript-sqli-raw-fragment
    return db.rawQuery('SELECT * FROM articles WHERE author_id = ' + author);
  }

  async filter({ request }: HttpContext) {
    const { status } = request.qs();
    // ruleid: javascript-sqli-raw-fragment
    return db.from('articles').whereRaw(`status = '${status}'`);
  }

  async archive({ request }: HttpContext) {
    const year = request.input('year');
    // ok: javascript-sqli-raw-fragment
    return db.rawQuery('SELECT * FROM articles WHERE year = ?', [year]);
  }

  async sorted({ request }: HttpContext) {
    const column = request.input('sort', 'title');
    if (!SORTABLE.has(column)) {
      return [];
    }
    // ok: javascript-sqli-raw-fragment
    return db.rawQuery(`SELECT * FROM articles ORDER BY ${column}`);
  }

  async drafts({ request }: HttpContext) {
    const owner = request.all().owner;
    // ok: javascript-sqli-raw-fragment
    return db.from('articles').whereRaw('owner_id = ?', [owner]);
  }

  async page({ request }: HttpContext) {
    const limit = Number(request.input('limit', 20));
    // ok: javascript-sqli-raw-fragment
    return db.rawQuery(`SELECT * FROM articles ORDER BY published_at DESC LIMIT ${limit}`);
  }
}
