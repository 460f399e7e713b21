// A page that opens the demo named in the URL in a frame, and a document in a viewer.
const params = new URLSearchParams(location.search);

export function openDemo() {
  const demo = params.get("demo");
  const frame = document.createElement("iframe");
  frame.src = demo;
  document.getElementById("demos").append(frame);
}

export function openDocument() {
  const viewer = document.querySelector("object.viewer");
  viewer.setAttribute("data", params.get("doc"));
}
