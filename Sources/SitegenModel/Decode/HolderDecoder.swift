import SitegenSource

extension ContentDecoder {
    static let holderKeys = ["id", "name", "email", "visibility", "locale", "auto_accept", "awards"]
    static let awardKeys = ["badge", "issued_on", "expires_on", "id", "status", "visibility", "evidence", "revoked"]
    static let evidenceKeys = ["url", "narrative"]
    static let revocationKeys = ["reason", "date"]

    /// Holders come by the hundred thousand, mostly from one big list file: each of its chunks is
    /// parsed and decoded on whichever core is free, and its nodes are gone before the next
    /// chunk, so that file's whole tree never exists. In document order, so the result and the
    /// diagnostics do not depend on scheduling.
    func decodeHolders(_ documents: [SourceDocument], locale: String, _ diagnostics: inout Diagnostics) -> [Holder] {
        enum Work {
            case objects(ArraySlice<Object>)
            case chunk(SourceList, Int)
        }
        var work: [Work] = []
        var unlisted = Diagnostics()
        for index in documents.indices {
            if case .list(let list) = documents[index].body {
                work += (0 ..< list.chunkCount).map { .chunk(list, $0) }
            } else {
                let objects = self.objects(in: [documents[index]], what: "holder", &unlisted)
                work += stride(from: 0, to: objects.count, by: 2048).map { .objects(objects[$0 ..< min(objects.count, $0 + 2048)]) }
            }
        }
        struct State {
            var diagnostics = Diagnostics()
            var unparsed = false
        }
        let (decoded, states) = ParallelFlatMap.run(count: work.count, state: { State() }) { [work] item, state, emit in
            switch work[item] {
            case .objects(let objects):
                for object in objects {
                    if let holder = decodeHolder(object.node, defaultID: object.defaultID, locale: locale, &state.diagnostics) { emit(holder) }
                }
            case .chunk(let list, let chunk):
                guard let nodes = list.elements(ofChunk: chunk) else { return state.unparsed = true }
                for node in nodes {
                    if let holder = decodeHolder(node, defaultID: nil, locale: locale, &state.diagnostics) { emit(holder) }
                }
            }
        }
        guard !states.contains(where: \.unparsed) else {
            // A list that did not parse in chunks: read it in one piece, which reports its error
            // exactly, or shows the cut was a wrong guess; then decode everything again from that.
            var whole: [SourceDocument] = []
            for document in documents {
                guard case .list(let list) = document.body else { whole.append(document); continue }
                switch list.parseWhole() {
                case .success(let root): whole.append(SourceDocument(path: document.path, root: root, defaultID: nil))
                case .failure(let error): diagnostics.append(error)
                }
            }
            return decodeHolders(whole, locale: locale, &diagnostics)
        }
        diagnostics.append(contentsOf: unlisted)
        for state in states { diagnostics.append(contentsOf: state.diagnostics) }
        // Consumed, not copied: the ids are filled in place.
        var holders = consume decoded
        Self.fillDerivedAwardIDs(&holders)
        return holders
    }

    func decodeHolder(_ node: SourceNode, defaultID: String?, locale: String, _ diagnostics: inout Diagnostics) -> Holder? {
        guard let fields = Fields(node, what: "holder", allowed: Self.holderKeys, diagnostics: &diagnostics) else { return nil }
        let id = identifier(fields, defaultID: defaultID, &diagnostics)
        let name = fields.required("name", &diagnostics).flatMap { Values.text($0, "name", defaultLocale: locale, &diagnostics) }
        let email = fields.required("email", &diagnostics).flatMap { Values.email($0, "email", &diagnostics) }
        let visibility = fields["visibility"].flatMap { Values.choice($0, "visibility", Visibility.self, &diagnostics) }
        var holderLocale: String?
        if let localeNode = fields["locale"], let text = Values.string(localeNode, "locale", &diagnostics) {
            if Locales.isValid(text) { holderLocale = text } else {
                diagnostics.error("'locale' '\(Quoted.text(text))' is not a locale code (like en, ja, zh-Hant)", at: localeNode.location)
            }
        }
        let autoAccept = fields["auto_accept"].flatMap { Values.bool($0, "auto_accept", &diagnostics) } ?? false
        var awards: [Award] = []
        if let list = fields["awards"].flatMap({ Values.list($0, "awards", &diagnostics) }) {
            awards.reserveCapacity(list.count)
            for item in list {
                if let award = decodeAward(item, holderID: id, locale: locale, &diagnostics) { awards.append(award) }
            }
        }
        // A holder whose visibility could not be read must not be published by default.
        if fields["visibility"] != nil && visibility == nil { return nil }
        guard let id, let name, let email else { return nil }
        return Holder(id: id, name: name, email: email, visibility: visibility ?? .public, locale: holderLocale,
                      autoAccept: autoAccept, awards: awards, location: node.location)
    }

    func decodeAward(_ node: SourceNode, holderID: String?, locale: String, _ diagnostics: inout Diagnostics) -> Award? {
        guard let fields = Fields(node, what: "award", allowed: Self.awardKeys, diagnostics: &diagnostics) else { return nil }
        let badge = fields.required("badge", &diagnostics).flatMap { badgeNode in
            Values.id(badgeNode, "badge", &diagnostics).map { Reference(id: $0, location: badgeNode.location) }
        }
        let issuedOn = fields.required("issued_on", &diagnostics).flatMap { Values.day($0, "issued_on", &diagnostics) }
        let expiresOn = fields["expires_on"].flatMap { Values.day($0, "expires_on", &diagnostics) }
        if let issuedOn, let expiresOn, expiresOn < issuedOn, let expiresNode = fields["expires_on"] {
            diagnostics.error("'expires_on' \(expiresOn) is before 'issued_on' \(issuedOn)", at: expiresNode.location)
        }
        let explicitID = fields["id"].flatMap { Values.id($0, "id", &diagnostics) }
        let status = fields["status"].flatMap { Values.choice($0, "status", Award.Status.self, &diagnostics) }
        let visibility = fields["visibility"].flatMap { Values.choice($0, "visibility", Visibility.self, &diagnostics) }
        var evidence: [Evidence] = []
        if let list = fields["evidence"].flatMap({ Values.list($0, "evidence", &diagnostics) }) {
            for item in list {
                guard let entry = Fields(item, what: "evidence", allowed: Self.evidenceKeys, diagnostics: &diagnostics) else { continue }
                let url = entry["url"].flatMap { Values.url($0, "evidence.url", &diagnostics) }
                let narrative = entry["narrative"].flatMap { Values.text($0, "evidence.narrative", defaultLocale: locale, &diagnostics) }
                if entry["url"] == nil && entry["narrative"] == nil {
                    diagnostics.error("evidence needs a 'url' or a 'narrative'", at: item.location)
                } else if url != nil || narrative != nil {
                    evidence.append(Evidence(url: url, narrative: narrative))
                }
            }
        }
        let revocation = fields["revoked"].flatMap { decodeRevocation($0, &diagnostics) }
        // Unreadable status or visibility must never default to published.
        if fields["status"] != nil && status == nil { return nil }
        if fields["visibility"] != nil && visibility == nil { return nil }
        if fields["revoked"] != nil && revocation == nil { return nil }
        guard let badge, let issuedOn else { return nil }
        // Without an id of its own the award's is derived from its holder's, which then must be
        // valid; `fillDerivedAwardIDs` computes it once every holder is decoded.
        guard explicitID != nil || holderID != nil else { return nil }
        return Award(id: explicitID ?? "", hasExplicitID: explicitID != nil, badge: badge, issuedOn: issuedOn, expiresOn: expiresOn,
                     status: status ?? .accepted, visibility: visibility, evidence: evidence, revocation: revocation,
                     location: node.location)
    }

    func decodeRevocation(_ node: SourceNode, _ diagnostics: inout Diagnostics) -> Revocation? {
        switch node.value {
        case .string:
            guard let reason = Values.string(node, "revoked", &diagnostics) else { return nil }
            guard !reason.allSatisfy(\.isWhitespace) else {
                diagnostics.error("'revoked' needs a reason", at: node.location)
                return nil
            }
            return Revocation(reason: reason, date: nil)
        case .mapping:
            guard let fields = Fields(node, what: "revocation", allowed: Self.revocationKeys, diagnostics: &diagnostics),
                  let reasonNode = fields.required("reason", &diagnostics),
                  let reason = Values.string(reasonNode, "revoked.reason", &diagnostics) else { return nil }
            let date = fields["date"].flatMap { Values.day($0, "revoked.date", &diagnostics) }
            if fields["date"] != nil && date == nil { return nil }
            return Revocation(reason: reason, date: date)
        default:
            diagnostics.error("'revoked' must be a reason or {reason, date}, found \(node.typeDescription)", at: node.location)
            return nil
        }
    }
}
