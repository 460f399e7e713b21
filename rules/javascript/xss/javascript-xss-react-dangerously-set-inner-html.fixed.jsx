import DOMPurify from 'dompurify';

export function Hash() {
  const fragment = decodeURIComponent(location.hash.substring(1));
  // ruleid: javascript-xss-react-dangerously-set-inner-html
  return <div className="note" dangerouslySetInnerHTML={{ __html: DOMPurify.sanitize(fragment) }} />;
}

export function HashClean() {
  const fragment = decodeURIComponent(location.hash.substring(1));
  // ok: javascript-xss-react-dangerously-set-inner-html
  return <div className="note" dangerouslySetInnerHTML={{ __html: DOMPurify.sanitize(fragment) }} />;
}
