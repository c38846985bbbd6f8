import Foundation
import Testing
@testable import SitegenServe

/// The live-reload side of the server: the script tag in HTML as it is sent, validators that
/// change with the build generation, and the event stream's state and upkeep.
@Suite struct LiveReloadTests {
    @Test func htmlCarriesTheGenerationAndItsValidatorChangesWithIt() throws {
        let events = BuildEvents()
        let site = try StaticSite(events: events)
        let client = try site.client()
        let first = try client.request("/awards/a1/")
        // Before the page's own `</BODY>` (any case), and nowhere else.
        #expect(first.text == "<!doctype html><html><body><p>award a1</p><script src=\"/__sitegen/live.js\" data-sitegen-generation=\"0\"></script></BODY></html>\n")
        let etag = try #require(first.header("etag"))
        #expect(try client.request("/awards/a1/", headers: ["If-None-Match": etag]).status == 304)
        events.publish(BuildEvents.State(generation: 1, errors: nil))
        let next = try client.request("/awards/a1/", headers: ["If-None-Match": etag])
        #expect(next.status == 200 && next.text.contains("data-sitegen-generation=\"1\"") && next.header("etag") != etag)
        // Other files are sent as they are.
        let json = try client.request("/awards/a1.json")
        #expect(json.text == "{\"id\": \"a1\"}\n")
        let missing = try client.request("/nope")
        #expect(missing.status == 404 && missing.text.contains("custom not found page") && missing.text.contains("/__sitegen/live.js"))
    }

    @Test func theEventStreamSendsEveryStateAndClosedPagesAreDropped() throws {
        let events = BuildEvents()
        let site = try StaticSite(events: events)
        let page = try site.client()
        try page.send("GET /__sitegen/events HTTP/1.1\r\nHost: x\r\n\r\n")
        #expect(try page.readUntil("}\n\n").hasSuffix("event: build\ndata: {\"generation\":0,\"errors\":null}\n\n"))
        events.publish(BuildEvents.State(generation: 0, errors: "a.yaml:1:1: error: \"x\" <b>\n1 error"))
        #expect(try page.readUntil("}\n\n") == "event: build\ndata: {\"generation\":0,\"errors\":\"a.yaml:1:1: error: \\\"x\\\" \\u003cb>\\n1 error\"}\n\n")
        #expect(events.listenerCount == 1)
        // A second page; then both close: the heartbeat notices and frees them.
        let other = try site.client()
        try other.send("GET /__sitegen/events HTTP/1.1\r\nHost: x\r\n\r\n")
        #expect(try other.readUntil("}\n\n").contains("\"errors\":\"a.yaml"))
        #expect(events.listenerCount == 2)
        page.disconnect()
        other.disconnect()
        for _ in 0..<20 where events.listenerCount > 0 {
            events.heartbeat()
            Thread.sleep(forTimeInterval: 0.05)
        }
        #expect(events.listenerCount == 0)
    }
}
