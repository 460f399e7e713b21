// React renders props as text, unless you ask it not to.
export function Comment({ html }: { html: string }) {
  return <div className="comment" dangerouslySetInnerHTML={{ __html: html }} />;
}
