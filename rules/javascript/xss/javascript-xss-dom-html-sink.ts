// Vue render functions that set innerHTML from the page URL.
import DOMPurify from 'dompurify';
import { createVNode, defineComponent, h } from 'vue';

export const Banner = defineComponent({
  setup() {
    const message = new URLSearchParams(window.location.search).get('msg') ?? '';
    // ruleid: javascript-xss-dom-html-sink
    return () => h('div', { class: 'banner', innerHTML: message });
  },
});

export const Crumb = defineComponent({
  setup() {
    const title = decodeURIComponent(location.hash.slice(1));
    // ruleid: javascript-xss-dom-html-sink
    return () => createVNode('h2', { innerHTML: `<em>${title}</em>` });
  },
});

// Vue 2 options API
export const LegacyBanner = {
  render(createElement: (tag: string, data: object) => unknown) {
    const message = location.hash.slice(1);
    // ruleid: javascript-xss-dom-html-sink
    return createElement('div', { domProps: { innerHTML: message } });
  },
};

export function fillTooltip(el: HTMLElement) {
  const text = new URLSearchParams(location.search).get('tip') ?? '';
  // ruleid: javascript-xss-dom-html-sink
  Object.assign(el, { className: 'tooltip', innerHTML: text });
}

export const BannerText = defineComponent({
  setup() {
    const message = new URLSearchParams(window.location.search).get('msg') ?? '';
    // a text child is escaped
    // ok: javascript-xss-dom-html-sink
    return () => h('div', { class: 'banner' }, message);
  },
});

export const BannerSanitized = defineComponent({
  setup() {
    const message = new URLSearchParams(window.location.search).get('msg') ?? '';
    // ok: javascript-xss-dom-html-sink
    return () => h('div', { class: 'banner', innerHTML: DOMPurify.sanitize(message) });
  },
});

export function fillTooltipText(el: HTMLElement) {
  const text = new URLSearchParams(location.search).get('tip') ?? '';
  // ok: javascript-xss-dom-html-sink
  Object.assign(el, { className: 'tooltip', textContent: text });
}
