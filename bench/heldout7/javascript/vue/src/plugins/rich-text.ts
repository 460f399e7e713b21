import DOMPurify from "dompurify";
import { marked } from "marked";
import { type Directive, defineComponent, h, onMounted, ref } from "vue";

// Rich-text plugin of the admin SPA: HTML directives and the release-notes panel.

// v-safe-html: the bound value is sanitized before it becomes markup.
export const vSafeHtml: Directive<HTMLElement, string> = {
  mounted(el, binding) {
    // DOMPurify before innerHTML
    // ok: xss
    el.innerHTML = DOMPurify.sanitize(binding.value ?? "");
  },
  updated(el, binding) {
    if (binding.value !== binding.oldValue) {
      // DOMPurify before innerHTML
      // ok: xss
      el.innerHTML = DOMPurify.sanitize(binding.value ?? "");
    }
  },
};

// v-raw-html: kept for the CMS blocks of the old theme.
export const vRawHtml: Directive<HTMLElement, string> = {
  mounted(el, binding) {
    // the directive's bound value (any component can pass anything) assigned as HTML
    // ruleid: xss
    el.innerHTML = binding.value;
  },
};

// v-highlight: wraps matches of the search term in <mark>.
export const vHighlight: Directive<HTMLElement, { text: string; term: string }> = {
  mounted(el, binding) {
    const { text, term } = binding.value;
    const escaped = text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
    // the text is escaped, but the term is spliced back in raw around the matches
    // ruleid: xss
    el.innerHTML = term ? escaped.split(term).join(`<mark>${term}</mark>`) : escaped;
  },
};

// Release notes panel, written as a render function (no .vue file).
export const ReleaseNotes = defineComponent({
  name: "ReleaseNotes",
  props: {
    version: { type: String, required: true },
    summary: { type: String, default: "" },
    changelogUrl: { type: String, default: "" },
  },
  setup(props) {
    const body = ref("");
    const changelog = ref("");

    onMounted(async () => {
      // fixed release-notes API host, version encoded into the path
      // ok: ssrf
      const res = await fetch(`https://api.releases.example/notes/${encodeURIComponent(props.version)}`);
      body.value = DOMPurify.sanitize(marked.parse(await res.text()) as string);
      if (props.changelogUrl) {
        // a URL prop fetched as is
        // ruleid: ssrf
        const cl = await fetch(props.changelogUrl);
        changelog.value = await cl.text();
      }
    });

    return () =>
      h("section", { class: "release-notes" }, [
        // Vue's innerHTML vnode prop: the summary prop through marked, no sanitizer [extended sink]
        // ruleid: xss
        h("div", { class: "summary", innerHTML: marked.parse(props.summary) as string }),
        // sanitized when it was fetched [extended sink]
        // ok: xss
        h("div", { class: "body", innerHTML: body.value }),
        // plain text child, escaped by Vue
        h("pre", { class: "changelog" }, changelog.value),
      ]);
  },
});
