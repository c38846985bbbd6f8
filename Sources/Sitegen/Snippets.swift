import Foundation
import SitegenModel
import SitegenPlan
import SitegenRender
import SitegenSource

public enum SnippetFormat: String, Sendable {
    case text, json, csv
}

/// `sitegen snippets`: each listed award's URL, share links and embed codes, for telling earners
/// where their badge is. Only `csv` carries emails (for a mail merge), and only to stdout.
public enum SnippetsCommand {
    public struct Output: Sendable {
        public var text = ""
        public var diagnostics = Diagnostics()
    }

    public static func run(_ options: BuildOptions, format: SnippetFormat, ids: [String]) -> Output {
        var output = Output()
        var report = SiteBuild.Report()
        guard let prepared = SiteBuild.prepare(options, &report) else {
            output.diagnostics = report.diagnostics
            return output
        }
        let plan = prepared.plan
        let renderer = prepared.renderer
        var selected = plan.awards.indices.filter { plan.awards[$0].isListed }
        if !ids.isEmpty {
            let wanted = Set(ids)
            let known = Set(plan.awards.map(\.id)).union(plan.awards.map(\.holder.id))
            for id in ids where !known.contains(id) {
                report.diagnostics.error("no published award or holder '\(id)'", at: nil)
            }
            selected = selected.filter { wanted.contains(plan.awards[$0].id) || wanted.contains(plan.awards[$0].holder.id) }
        }
        let emails = Dictionary(prepared.content.holders.map { ($0.id, $0.email) }, uniquingKeysWith: { a, _ in a })
        let rows: [Row] = selected.map { index in
            let award = plan.awards[index]
            let strings = renderer.theme.strings.table(for: award.holder.locale)
            return Row(award: award, badge: plan.badge(of: award).badge.id,
                       name: award.holder.name.text(in: award.holder.locale, fallback: plan.site.defaultLocale),
                       snippets: AwardSnippets(award: award, plan: plan, routes: renderer.routes, strings: strings))
        }
        output.diagnostics = report.diagnostics
        switch format {
        case .text: output.text = rows.map(\.text).joined(separator: "\n")
        case .json: output.text = String(decoding: json(rows), as: UTF8.self)
        case .csv: output.text = csv(rows, emails: emails)
        }
        return output
    }

    struct Row {
        var award: PublishedAward
        var badge: String
        var name: String
        var snippets: AwardSnippets

        var fields: [(String, String)] {
            let s = snippets
            return [("award", award.id), ("holder", award.holder.id), ("name", name), ("badge", badge),
                    ("url", s.pageURL), ("assertion", s.assertionURL), ("image", s.bakedImageURL),
                    ("linkedin_add_to_profile", s.linkedInAddToProfileURL), ("linkedin_post", s.linkedInPostURL),
                    ("x", s.xURL), ("facebook", s.facebookURL), ("email_share", s.emailURL),
                    ("iframe", s.iframe), ("email_signature", s.emailSignature), ("markdown", s.markdown)]
        }

        var text: String {
            fields.map { "\($0.0): \($0.1)" }.joined(separator: "\n") + "\n"
        }
    }

    static func json(_ rows: [Row]) -> [UInt8] {
        var writer = JSONWriter(pretty: true)
        writer.beginArray()
        for row in rows {
            writer.beginObject()
            for (key, value) in row.fields {
                writer.key(named: key)
                writer.string(value)
            }
            writer.endObject()
        }
        writer.endArray()
        return writer.bytes
    }

    static func csv(_ rows: [Row], emails: [String: String]) -> String {
        guard let first = rows.first else { return "" }
        var lines = [(["email"] + first.fields.map(\.0)).map(csvField).joined(separator: ",")]
        for row in rows {
            lines.append(([emails[row.award.holder.id] ?? ""] + row.fields.map(\.1)).map(csvField).joined(separator: ","))
        }
        return lines.joined(separator: "\r\n") + "\r\n"
    }

    /// RFC 4180 quoting, and a leading quote on cells a spreadsheet would run as a formula.
    static func csvField(_ value: String) -> String {
        var value = value
        if let first = value.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first) { value = "'" + value }
        guard value.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return value }
        return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
