// An AdonisJS controller: the framework is imported, so response.attachment(path) streams
// the file at the path whatever the handler's context is called.
import type { HttpContext } from '@adonisjs/core/http'
import app from '@adonisjs/core/services/app'
import path from 'node:path'

const UPLOADS = app.makePath('storage/uploads')

export default class UploadsController {
  async show(ctx: HttpContext) {
    const name = ctx.request.input('name')
    // ruleid: javascript-path-traversal-express-sendfile
    return ctx.response.attachment(path.join(UPLOADS, name))
  }

  async showNamed(ctx: HttpContext) {
    const name = ctx.request.input('name')
    // ruleid: javascript-path-traversal-express-sendfile
    return ctx.response.attachment(path.join(UPLOADS, name), 'upload.bin')
  }

  async showBasename(ctx: HttpContext) {
    const name = path.basename(ctx.request.input('name'))
    // ok: javascript-path-traversal-express-sendfile
    return ctx.response.attachment(path.join(UPLOADS, name))
  }
}
