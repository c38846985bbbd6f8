/// `site.contact` as the footer links it: an email address becomes a `mailto:` link, an http(s)
/// URL links to itself, anything else (a phone number, a sentence) is shown as text without a
/// link. The link is ready for an `href`, percent-encoded where it is built here.
enum SiteContact {
    static func href(for contact: String) -> String? {
        guard !contact.isEmpty,
              !contact.unicodeScalars.contains(where: { $0.properties.isWhitespace || $0.value < 0x20 || $0.value == 0x7F })
        else { return nil }
        let lowered = contact.lowercased()
        if lowered.hasPrefix("https://") || lowered.hasPrefix("http://") { return contact }
        let address = lowered.hasPrefix("mailto:") ? contact.dropFirst("mailto:".count) : Substring(contact)
        let parts = address.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, parts[1].contains("."), !parts[1].hasPrefix("."), !parts[1].hasSuffix(".")
        else { return nil }
        return "mailto:" + PercentEncoding.encode(String(parts[0])) + "@" + PercentEncoding.encode(String(parts[1]))
    }
}
