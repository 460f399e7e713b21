import React, { useEffect, useRef } from "react";
import { marked } from "marked";
import DOMPurify from "dompurify";

export function Bio({ bio }: { bio: string }) {
  return (
    <section className="bio">
      <div dangerouslySetInnerHTML={{ __html: DOMPurify.sanitize(bio) }} />
    </section>
  );
}

export function Markdown(props: { source: string }) {
  const html = marked.parse(props.source) as string;
  return <article dangerouslySetInnerHTML={{ __html: DOMPurify.sanitize(html) }} />;
}

export function Status({ label }: { label: string }) {
  const ref = useRef<HTMLSpanElement>(null);
  useEffect(() => {
    if (ref.current) {
      ref.current.textContent = label;
    }
  }, [label]);
  return <span ref={ref} />;
}
