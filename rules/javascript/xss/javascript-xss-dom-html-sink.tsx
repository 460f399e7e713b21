// Solid components: innerHTML={...} sets the element's innerHTML.
import DOMPurify from 'dompurify';
import { createSignal } from 'solid-js';

export function NotePreview() {
  const note = decodeURIComponent(location.hash.slice(1));
  // ruleid: javascript-xss-dom-html-sink
  return <div class="note" innerHTML={note} />;
}

export function SearchSummary() {
  const params = new URLSearchParams(location.search);
  const [query] = createSignal(params.get('q') ?? '');
  // ruleid: javascript-xss-dom-html-sink
  const summary = <p class="summary" innerHTML={`Results for <b>${params.get('q')}</b>`}></p>;
  return (
    <section>
      {summary}
      <span>{query()}</span>
    </section>
  );
}

export function NotePreviewSafe() {
  const note = decodeURIComponent(location.hash.slice(1));
  // ok: javascript-xss-dom-html-sink
  return <div class="note" innerHTML={DOMPurify.sanitize(note)} />;
}

export function NoteText() {
  const note = decodeURIComponent(location.hash.slice(1));
  // a text child is escaped
  // ok: javascript-xss-dom-html-sink
  return <div class="note">{note}</div>;
}

export function NoteTextContent() {
  const note = decodeURIComponent(location.hash.slice(1));
  // ok: javascript-xss-dom-html-sink
  return <div class="note" textContent={note} />;
}
