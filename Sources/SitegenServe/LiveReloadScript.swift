/// The script `serve` adds to every HTML page it sends (never to `build` output): it listens to
/// the server's event stream, reloads the page when a newer build is served, and lays the
/// build's errors over the page while the content or theme is broken.
enum LiveReloadScript {
    static let path = "/__sitegen/live.js"
    static let eventsPath = "/__sitegen/events"
    /// Everything under it is the server's own: never a file of the site.
    static let prefix = "/__sitegen/"

    /// The tag added before `</body>`; `generation` is the build the page came from.
    static func tag(generation: Int) -> [UInt8] {
        Array("<script src=\"\(path)\" data-sitegen-generation=\"\(generation)\"></script>".utf8)
    }

    /// `page` with the tag before its last `</body>` (any case), or at its end when it has none.
    static func inject(into page: [UInt8], generation: Int) -> [UInt8] {
        let needle = Array("</body".utf8)
        var index = page.count - needle.count
        while index >= 0 {
            if page[index] == 0x3C, zip(page[index..<(index + needle.count)], needle).allSatisfy({ $0 | 0x20 == $1 | 0x20 }) {
                return Array(page[..<index]) + tag(generation: generation) + Array(page[index...])
            }
            index -= 1
        }
        return page + tag(generation: generation)
    }

    // textContent only: diagnostics quote content, which must never become markup.
    static let source = #"""
    (() => {
      "use strict";
      const script = document.currentScript;
      const served = Number(script && script.dataset.sitegenGeneration);
      let overlay = null;
      function show(errors) {
        if (!overlay) {
          overlay = document.createElement("div");
          overlay.id = "sitegen-error-overlay";
          overlay.setAttribute("role", "alert");
          Object.assign(overlay.style, {
            position: "fixed", inset: "0", zIndex: "2147483647", overflow: "auto", margin: "0",
            padding: "1.5rem", background: "rgba(20, 20, 24, 0.94)", color: "#fff",
            font: "14px/1.5 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace"
          });
          const title = document.createElement("p");
          title.textContent = "sitegen: the last change does not build; this page is the last good build.";
          Object.assign(title.style, { margin: "0 0 1rem", fontWeight: "bold", color: "#ff8a80" });
          const text = document.createElement("pre");
          Object.assign(text.style, { margin: "0", whiteSpace: "pre-wrap" });
          overlay.append(title, text);
          document.documentElement.append(overlay);
        }
        overlay.lastChild.textContent = errors;
      }
      function hide() {
        if (overlay) { overlay.remove(); overlay = null; }
      }
      const events = new EventSource("/__sitegen/events");
      events.addEventListener("build", (event) => {
        const state = JSON.parse(event.data);
        if (state.generation !== served) { events.close(); location.reload(); return; }
        if (state.errors) { show(state.errors); } else { hide(); }
        document.documentElement.dataset.sitegenLive = String(state.generation);
      });
      addEventListener("pagehide", () => events.close());
    })();
    """#
}
