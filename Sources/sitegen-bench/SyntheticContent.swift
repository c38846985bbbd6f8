import Foundation
import SitegenDigest
import SitegenRandom

/// Deterministic synthetic content in SPEC's format, at any size: the benchmark's input.
/// Same seed, same bytes.
struct SyntheticContent {
    var holders = 50_000
    var badges = 200
    var awardsPerHolder = 2
    var seed: UInt64 = 1
    var yaml = false

    static let firstNames = ["Olivia", "Liam", "Emma", "Noah", "Amélie", "Étienne", "Zoë", "François", "Priya", "Arjun",
                             "Fatima", "Omar", "Wei", "Mei", "Jürgen", "José", "Łukasz", "Søren", "Ana María", "Şebnem"]
    static let lastNames = ["Smith", "O'Brien", "D'Angelo", "García", "Müller", "Nguyen", "Patel", "Okafor", "Lefèvre",
                            "Côté", "Kovács", "Dvořák", "Yılmaz", "Þórsson", "Van der Berg", "McAllister"]
    static let cjkNames = ["佐藤 花子", "鈴木 一郎", "高橋 美咲", "김 민준", "이 서연", "박 지훈", "陳 美玲", "王 小明", "ليلى حداد", "عمر فاروق"]
    static let words = ["applied", "cloud", "security", "design", "practice", "assessed", "project", "teams", "modern",
                        "reviewed", "capstone", "evidence", "data", "systems", "deployment", "quality", "network", "<analysis>",
                        "\"quoted\"", "&", "résumé", "データ", "보안"]
    static let skills = ["Rust", "C#", "Data visualisation", "Budget planning", "Kubernetes", "Accessibility", "SQL",
                         "Threat modelling", "UX research", "Stakeholder management"]

    func sentence(_ random: inout SplitMix, words count: Int) -> String {
        var parts: [String] = []
        for index in 0..<count {
            let word = random.pick(Self.words)
            parts.append(index == 0 ? word.prefix(1).uppercased() + word.dropFirst() : word)
        }
        return parts.joined(separator: " ") + "."
    }

    func write(to root: String) throws {
        let fm = FileManager.default
        for folder in ["", "/badges", "/issuers", "/images", "/holders"] {
            try fm.createDirectory(atPath: root + folder, withIntermediateDirectories: true)
        }
        var random = SplitMix(seed: seed)
        try write(root + "/site.json", """
        {"title": "Contoso Learning Badges", "base_url": "https://badges.example.org/", "default_locale": "en", "issuer": "contoso"}

        """)
        try write(root + "/issuers/contoso.json", """
        {"name": "Contoso Learning", "url": "https://learn.contoso.example/", "email": "badges@contoso.example",
         "description": "Contoso Learning issues verifiable digital badges.", "image": "images/contoso.png"}

        """)
        try Data(Self.png(size: 64, seed: 7)).write(to: URL(fileURLWithPath: root + "/images/contoso.png"))
        for index in 1...badges {
            let id = String(format: "b%04d", index)
            let png = index % 5 == 0
            if png {
                try Data(Self.png(size: 128, seed: UInt32(index))).write(to: URL(fileURLWithPath: root + "/images/\(id).png"))
            } else {
                let hue = index * 37 % 360
                try write(root + "/images/\(id).svg", """
                <svg xmlns="http://www.w3.org/2000/svg" width="256" height="256" viewBox="0 0 256 256">
                <circle cx="128" cy="128" r="120" fill="hsl(\(hue),55%,35%)"/><circle cx="128" cy="128" r="96" fill="none" stroke="#fff" stroke-width="6"/>
                <text x="128" y="146" font-size="56" text-anchor="middle" fill="#fff" font-family="sans-serif">\(id.uppercased())</text></svg>

                """)
            }
            let kind = index % 4 == 0 ? "exam" : "certification"
            let skills = (0..<(2 + random.below(4))).map { _ in "\"\(random.pick(Self.skills))\"" }
            try write(root + "/badges/\(id).json", """
            {"name": "\(escape(sentence(&random, words: 3)))", "description": "\(escape(sentence(&random, words: 40)))",
             "image": "images/\(id).\(png ? "png" : "svg")", "kind": "\(kind)",
             "criteria": {"narrative": "\(escape(sentence(&random, words: 30)))", "url": "https://learn.contoso.example/criteria/\(id)"},
             "skills": [\(Array(Set(skills)).sorted().joined(separator: ", "))],
             "alignment": [{"name": "\(random.pick(Self.skills))", "url": "https://www.onetonline.org/link/summary/\(id)", "framework": "O*NET", "code": "\(id.uppercased())"}]\(index % 3 == 0 ? ", \"validity_days\": 1095" : "")}

            """)
        }
        var out = ""
        out.reserveCapacity(holders * 500)
        out += yaml ? "" : "[\n"
        for index in 1...holders {
            let id = String(format: "h%06d", index)
            let name = random.chance(15) ? random.pick(Self.cjkNames) : "\(random.pick(Self.firstNames)) \(random.pick(Self.lastNames))"
            let visibility = random.chance(5) ? "private" : "public"
            var awards: [String] = []
            let count = max(1, awardsPerHolder + random.below(3) - 1)
            var used = Set<Int>()
            for _ in 0..<count {
                let badge = 1 + random.below(badges)
                guard used.insert(badge).inserted else { continue }
                let year = 2019 + random.below(7)
                let date = String(format: "%04d-%02d-%02d", year, 1 + random.below(12), 1 + random.below(28))
                let status = random.chance(4) ? "pending" : "accepted"
                let narrative = escape(sentence(&random, words: 8))
                if yaml {
                    awards.append("  - badge: b\(String(format: "%04d", badge))\n    issued_on: \(date)\n    status: \(status)\n    evidence:\n      - url: https://portfolio.example.com/\(id)/\(badge)\n        narrative: \"\(narrative)\"\n")
                } else {
                    awards.append("{\"badge\": \"b\(String(format: "%04d", badge))\", \"issued_on\": \"\(date)\", \"status\": \"\(status)\", \"evidence\": [{\"url\": \"https://portfolio.example.com/\(id)/\(badge)\", \"narrative\": \"\(narrative)\"}]}")
                }
            }
            if yaml {
                out += "- id: \(id)\n  name: \"\(escape(name))\"\n  email: \(id)@example.com\n  visibility: \(visibility)\n  awards:\n" + awards.joined()
            } else {
                out += "  {\"id\": \"\(id)\", \"name\": \"\(escape(name))\", \"email\": \"\(id)@example.com\", \"visibility\": \"\(visibility)\", \"awards\": [\(awards.joined(separator: ", "))]}"
                out += index == holders ? "\n" : ",\n"
            }
        }
        out += yaml ? "" : "]\n"
        try write(root + "/holders." + (yaml ? "yaml" : "json"), out)
    }

    func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
    }

    func write(_ path: String, _ text: String) throws {
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
    }

    /// A valid RGB PNG with uncompressed (stored) deflate blocks: no zlib needed.
    static func png(size: Int, seed: UInt32) -> [UInt8] {
        var raw: [UInt8] = []
        for y in 0..<size {
            raw.append(0)
            for x in 0..<size {
                let inside = (x - size / 2) * (x - size / 2) + (y - size / 2) * (y - size / 2) < size * size / 5
                raw += inside ? [UInt8(truncatingIfNeeded: seed &* 53), 0x44, 0x88] : [0xFF, 0xFF, 0xFF]
            }
        }
        var zlib: [UInt8] = [0x78, 0x01]
        var offset = 0
        while offset < raw.count {
            let length = min(65_535, raw.count - offset)
            zlib.append(offset + length == raw.count ? 1 : 0)
            zlib += [UInt8(length & 0xFF), UInt8(length >> 8), UInt8(~length & 0xFF), UInt8((~length >> 8) & 0xFF)]
            zlib += raw[offset..<(offset + length)]
            offset += length
        }
        var a: UInt32 = 1, b: UInt32 = 0
        for byte in raw { a = (a + UInt32(byte)) % 65_521; b = (b + a) % 65_521 }
        zlib += bigEndian((b << 16) | a)
        func chunk(_ type: String, _ data: [UInt8]) -> [UInt8] {
            let body = Array(type.utf8) + data
            return bigEndian(UInt32(data.count)) + body + bigEndian(CRC32.checksum(body))
        }
        let header = bigEndian(UInt32(size)) + bigEndian(UInt32(size)) + [8, 2, 0, 0, 0]
        return [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + chunk("IHDR", header) + chunk("IDAT", zlib) + chunk("IEND", [])
    }

    static func bigEndian(_ value: UInt32) -> [UInt8] {
        [UInt8(value >> 24), UInt8((value >> 16) & 0xFF), UInt8((value >> 8) & 0xFF), UInt8(value & 0xFF)]
    }
}
