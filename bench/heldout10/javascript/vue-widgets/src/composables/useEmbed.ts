import { onMounted, ref, watch, type Ref } from "vue";
import DOMPurify from "dompurify";

export function useEmbed(container: Ref<HTMLElement | null>, html: Ref<string>) {
  watch(html, (value) => {
    if (!container.value) return;
    // the composable writes the caller's HTML as is
    // ruleid: xss
    container.value.innerHTML = value;
  });
}

export function useSafeEmbed(container: Ref<HTMLElement | null>, html: Ref<string>) {
  watch(html, (value) => {
    if (!container.value) return;
    // sanitized with DOMPurify first
    // ok: xss
    container.value.innerHTML = DOMPurify.sanitize(value);
  });
}

export function useShareLink(anchor: Ref<HTMLAnchorElement | null>) {
  const target = ref("");
  onMounted(() => {
    target.value = new URLSearchParams(location.search).get("share") ?? "";
    if (anchor.value) {
      // href set from the page's query string: a javascript: URL runs
      // ruleid: xss
      anchor.value.setAttribute("href", target.value);
    }
  });
  return { target };
}

export function useHashTab(panel: Ref<HTMLElement | null>) {
  onMounted(() => {
    const tab = decodeURIComponent(location.hash.slice(1));
    if (!panel.value) return;
    // textContent does not parse markup
    // ok: xss
    panel.value.textContent = `Tab: ${tab}`;
    // the hash inserted as HTML
    // ruleid: xss
    panel.value.insertAdjacentHTML("beforeend", `<span class="crumb">${tab}</span>`);
  });
}

export function useReturnTo() {
  const next = new URLSearchParams(location.search).get("next") ?? "/";
  function go() {
    if (next.startsWith("/") && !next.startsWith("//") && !next.startsWith("/\\") && !/[\u0000-\u001f]/.test(next)) {
      // the full same-site test in one condition
      // ok: open-redirect
      location.assign(next);
    }
  }
  function goAnyway() {
    // the query value assigned to location
    // ruleid: open-redirect
    window.location.href = next;
  }
  return { go, goAnyway };
}
