const express = require('express');
const path = require('path');

const app = express();
const PUBLIC = path.join(__dirname, 'public');

// ---------------------------------------------------------------- vulnerable

app.get('/file', (req, res) => {
  // ruleid: javascript-path-traversal-express-sendfile
  res.sendFile(path.join(PUBLIC, req.query.name));
});

app.get('/download/:name', (req, res) => {
  // ruleid: javascript-path-traversal-express-sendfile
  res.download(PUBLIC + '/' + req.params.name);
});

app.get('/abs', (req, res) => {
  // ruleid: javascript-path-traversal-express-sendfile
  res.sendFile(req.query.path, (err) => err && res.sendStatus(404));
});

// ---------------------------------------------------------------- safe

app.get('/file2', (req, res) => {
  // with root, send() rejects paths that leave the directory
  // ok: javascript-path-traversal-express-sendfile
  res.sendFile(req.query.name, { root: PUBLIC });
});

app.get('/download2/:name', (req, res) => {
  // ok: javascript-path-traversal-express-sendfile
  res.download(req.params.name, 'report.pdf', { root: PUBLIC });
});

app.get('/file3', (req, res) => {
  const full = path.resolve(PUBLIC, req.query.name);
  if (!full.startsWith(PUBLIC + path.sep)) {
    return res.sendStatus(403);
  }
  // ok: javascript-path-traversal-express-sendfile
  res.sendFile(full);
});

app.get('/file4', (req, res) => {
  // ok: javascript-path-traversal-express-sendfile
  res.sendFile(path.join(PUBLIC, path.basename(req.query.name)));
});

app.get('/export', (req, res) => {
  // Express's attachment(name) only sets Content-Disposition: the name the browser saves
  // the download under; no file is read from it
  // ok: javascript-path-traversal-express-sendfile
  res.attachment(req.query.name);
  res.send(buildCsv());
});

// Koa: ctx.attachment(name, options) sets the same header
async function exportReport(ctx) {
  // ok: javascript-path-traversal-express-sendfile
  ctx.attachment(ctx.query.filename, { type: 'inline' });
  ctx.body = renderReport();
}

// ---------------------------------------------------------------- AdonisJS

const INVOICES = path.resolve('storage/invoices');

class InvoicesController {
  async download({ request, response }) {
    const file = request.input('file');
    // ruleid: javascript-path-traversal-express-sendfile
    return response.download(path.join(INVOICES, file));
  }

  async attachment({ request, response }) {
    // attachment(path, name) streams the file at the path
    // ruleid: javascript-path-traversal-express-sendfile
    return response.attachment(`${INVOICES}/${request.input('id')}.pdf`, 'invoice.pdf');
  }

  async receipt({ request, response }) {
    // with the path alone it streams the file too
    // ruleid: javascript-path-traversal-express-sendfile
    return response.attachment(path.join(INVOICES, request.input('receipt')));
  }

  async checked({ request, response }) {
    const full = path.resolve(INVOICES, String(request.input('file')));
    if (!full.startsWith(INVOICES + path.sep)) {
      return response.forbidden('no');
    }
    // ok: javascript-path-traversal-express-sendfile
    return response.download(full);
  }

  async byName({ request, response }) {
    const name = path.basename(request.input('file'));
    // ok: javascript-path-traversal-express-sendfile
    return response.attachment(path.join(INVOICES, name), name);
  }
}

module.exports = { InvoicesController, exportReport };
