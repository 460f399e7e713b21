// A page that opens the demo named in the URL in a frame, and a document in a viewer.
const params = new URLSearchParams(location.search);

export function openDemo() {
  const demo = params.get("demo");
  const frame = document.createElement("iframe");
  if (typeof demo !== "string" || !/^https?:\/\//i.test(demo)) {
    throw new Error("only http(s) links are allowed");
  }
  frame.src = demo;
  document.getElementById("demos").append(frame);
}

export function openDocument() {
  const viewer = document.querySelector("object.viewer");
  const url = params.get("doc");
  if (typeof url !== "string" || !/^https?:\/\//i.test(url)) {
    throw new Error("only http(s) links are allowed");
  }
  viewer.setAttribute("data", url);
}
