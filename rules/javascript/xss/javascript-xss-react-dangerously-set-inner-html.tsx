import React, { useEffect, useState } from 'react';
import DOMPurify from 'dompurify';

const LAYOUTS: string[] = ['<hr/>', '<br/>'];

// ---------------------------------------------------------------- vulnerable

export function SearchTitle() {
  const query = new URLSearchParams(window.location.search).get('q') ?? '';
  // ruleid: javascript-xss-react-dangerously-set-inner-html
  return <h1 dangerouslySetInnerHTML={{ __html: query }} />;
}

export function Inbox() {
  const [html, setHtml] = useState<string>('');
  useEffect(() => {
    window.addEventListener('message', (e: MessageEvent) => {
      const body = e.data.body;
      // ruleid: javascript-xss-react-dangerously-set-inner-html
      setHtml(React.createElement('div', { dangerouslySetInnerHTML: { __html: body } }) as any);
    });
  }, []);
  return <section>{html}</section>;
}

export function Crumb() {
  const crumb = document.cookie.split('crumb=')[1];
  // the markup object is built first; the report is on its __html value
  // ruleid: javascript-xss-react-dangerously-set-inner-html
  const markup = { __html: `<span>${crumb}</span>` };
  return <nav dangerouslySetInnerHTML={markup} />;
}

// ---------------------------------------------------------------- safe

export function SearchTitleText() {
  const query = new URLSearchParams(window.location.search).get('q') ?? '';
  // React escapes text children
  // ok: javascript-xss-react-dangerously-set-inner-html
  return <h1>{query}</h1>;
}

export function SearchTitleClean() {
  const query = new URLSearchParams(window.location.search).get('q') ?? '';
  // ok: javascript-xss-react-dangerously-set-inner-html
  return <h1 dangerouslySetInnerHTML={{ __html: DOMPurify.sanitize(query) }} />;
}

export function Layout() {
  const sep = new URLSearchParams(window.location.search).get('sep') ?? '';
  if (!LAYOUTS.includes(sep)) {
    return null;
  }
  // ok: javascript-xss-react-dangerously-set-inner-html
  return <div dangerouslySetInnerHTML={{ __html: sep }} />;
}

export function Static() {
  // ok: javascript-xss-react-dangerously-set-inner-html
  return <div dangerouslySetInnerHTML={{ __html: '<em>static</em>' }} />;
}
