// Jest + jsdom tests for DOM helpers.
// Benchmark corpus, xss (CWE-79): sinks in tests with literal HTML.

describe("list rendering", () => {
  beforeEach(() => {
    // Constant fixture markup.
    // ok: xss
    document.body.innerHTML = "<ul id='list'></ul><div id='out'></div>";
  });

  test("renders items", () => {
    const items = ["a", "b"];
    // ok: xss
    document.getElementById("list").innerHTML = items.map((i) => `<li>${i}</li>`).join("");
    expect(document.querySelectorAll("li")).toHaveLength(2);
  });

  test.each([["<b>x</b>"], ["<i>y</i>"]])("inserts %s", (markup) => {
    // Markup from the test table above.
    // ok: xss
    document.getElementById("out").innerHTML = markup;
    expect(document.getElementById("out").children).toHaveLength(1);
  });
});
