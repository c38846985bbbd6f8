import SitegenSource

/// Decode stage: turns the located source tree into the typed model, checking every field.
/// Problems are collected, never thrown, so one run reports all of them.
public struct ContentDecoder: Sendable {
    var images: ImageLoader

    public init(fileSystem: any ContentFileSystem, root: String, displayRoot: String? = nil) {
        images = ImageLoader(fileSystem: fileSystem, root: root, displayRoot: displayRoot ?? root)
    }

    /// The model, or nil when an error makes it unusable; diagnostics in either case.
    public func decode(_ tree: SourceTree) -> (Content?, Diagnostics) {
        var diagnostics = Diagnostics()
        let site = tree.site.flatMap { decodeSite($0, &diagnostics) }
        let locale = site?.defaultLocale ?? "en"
        let issuers = objects(in: tree.issuers, what: "issuer", &diagnostics).compactMap {
            decodeIssuer($0.node, defaultID: $0.defaultID, locale: locale, &diagnostics)
        }
        let badges = objects(in: tree.badges, what: "badge", &diagnostics).compactMap {
            decodeBadge($0.node, defaultID: $0.defaultID, site: site, locale: locale, &diagnostics)
        }
        let holders = decodeHolders(tree.holders, locale: locale, &diagnostics)
        guard let site, !diagnostics.hasErrors else { return (nil, diagnostics) }
        return (Content(site: site, issuers: issuers, badges: badges, holders: holders), diagnostics)
    }

    struct Object {
        var node: SourceNode
        var defaultID: String?
    }

    /// A collection file holds one object or a list of them; a lone object in a folder file
    /// takes the file's base name as its default id.
    func objects(in documents: [SourceDocument], what: String, _ diagnostics: inout Diagnostics) -> [Object] {
        var result: [Object] = []
        for document in documents {
            guard let root = Self.root(of: document, &diagnostics) else { continue }
            switch root.value {
            case .sequence(let items): result += items.map { Object(node: $0, defaultID: nil) }
            case .mapping: result.append(Object(node: root, defaultID: document.defaultID))
            case .null: break
            default:
                diagnostics.error("a \(what) file must hold \(Fields.article(what)) \(what) or a list of them, found \(root.typeDescription)",
                                  at: root.location)
            }
        }
        return result
    }

    /// The document's tree; a big list that does not parse reports its error here.
    static func root(of document: SourceDocument, _ diagnostics: inout Diagnostics) -> SourceNode? {
        switch document.tree() {
        case .success(let node): return node
        case .failure(let error): diagnostics.append(error); return nil
        }
    }

    func identifier(_ fields: Fields, defaultID: String?, _ diagnostics: inout Diagnostics) -> String? {
        if let node = fields["id"] { return Values.id(node, "id", &diagnostics) }
        if let defaultID {
            guard Identifier.isValid(defaultID) else {
                diagnostics.error("the file name '\(Quoted.text(defaultID))' is not a valid id; rename the file or set 'id' (1 to 64 characters a-z, 0-9, '.', '_', '-', starting with a letter or digit)",
                                  at: fields.node.location)
                return nil
            }
            return defaultID
        }
        diagnostics.error("\(fields.what) is missing required key 'id'", at: fields.node.location)
        return nil
    }

    // MARK: site

    /// Every key each kind of mapping may hold, by kind: the lists the decoders check against,
    /// so tests that must cover every field (the rebuild property test) find a new one the day
    /// it is added.
    public static var knownKeys: [String: [String]] {
        ["site": siteKeys, "issuer": issuerKeys, "badge": badgeKeys, "criteria": criteriaKeys, "alignment": alignmentKeys,
         "holder": holderKeys, "award": awardKeys, "evidence": evidenceKeys,
         "revocation": revocationKeys]
    }

    static let siteKeys = ["title", "base_url", "default_locale", "locales", "issuer", "theme", "description", "contact",
                           "retired_keys"]

    func decodeSite(_ document: SourceDocument, _ diagnostics: inout Diagnostics) -> Site? {
        guard let root = Self.root(of: document, &diagnostics),
              let fields = Fields(root, what: "site", allowed: Self.siteKeys, diagnostics: &diagnostics) else { return nil }
        var defaultLocale = "en"
        if let node = fields.required("default_locale", &diagnostics), let text = Values.string(node, "default_locale", &diagnostics) {
            if Locales.isValid(text) { defaultLocale = text } else {
                diagnostics.error("'default_locale' '\(Quoted.text(text))' is not a locale code (like en, ja, zh-Hant)", at: node.location)
            }
        }
        var locales = [defaultLocale]
        if let node = fields["locales"], let items = Values.list(node, "locales", &diagnostics) {
            var listed: [String] = []
            var seen = Set<String>()
            for item in items {
                guard let text = Values.string(item, "locales", &diagnostics) else { continue }
                if !Locales.isValid(text) {
                    diagnostics.error("'\(Quoted.text(text))' in 'locales' is not a locale code (like en, ja, zh-Hant)", at: item.location)
                } else if !seen.insert(text).inserted {
                    diagnostics.error("locale '\(text)' is listed twice in 'locales'", at: item.location)
                } else {
                    listed.append(text)
                }
            }
            if !listed.isEmpty && !listed.contains(defaultLocale) {
                diagnostics.error("'locales' must include the default locale '\(defaultLocale)'", at: node.location)
            }
            locales = [defaultLocale] + listed.filter { $0 != defaultLocale }
        }
        let title = fields.required("title", &diagnostics).flatMap { Values.text($0, "title", defaultLocale: defaultLocale, &diagnostics) }
        var baseURL = fields.required("base_url", &diagnostics).flatMap { Values.url($0, "base_url", &diagnostics) }
        if let url = baseURL, !url.hasSuffix("/") { baseURL = url + "/" }
        if let node = fields["base_url"], let url = baseURL, url.contains("?") || url.contains("#") {
            diagnostics.error("'base_url' must not have a query or fragment", at: node.location)
        } else if let node = fields["base_url"], let url = baseURL {
            // The issuer's DID is made from it: a base URL with none is refused now, by `check` too.
            do throws(DIDWeb.Problem) {
                _ = try DIDWeb(baseURL: url)
            } catch {
                diagnostics.error("'base_url' gives no did:web DID for the issuer: \(error)", at: node.location)
            }
        }
        let issuer = fields["issuer"].flatMap { Values.id($0, "issuer", &diagnostics) }
        let theme = fields["theme"].flatMap { Values.id($0, "theme", &diagnostics) }
        let description = fields["description"].flatMap { Values.text($0, "description", defaultLocale: defaultLocale, &diagnostics) }
        let contact = fields["contact"].flatMap { Values.string($0, "contact", &diagnostics) }
        let retiredKeys = fields["retired_keys"].map { RetiredKeys.decode($0, &diagnostics) } ?? []
        guard let title, let baseURL else { return nil }
        return Site(title: title, baseURL: baseURL, defaultLocale: defaultLocale, locales: locales, issuerID: issuer,
                    theme: theme, description: description, contact: contact, retiredKeys: retiredKeys, location: root.location,
                    issuerLocation: fields["issuer"]?.location, themeLocation: fields["theme"]?.location)
    }

    // MARK: issuers

    static let issuerKeys = ["id", "name", "url", "email", "description", "image", "linkedin_organization_id"]

    func decodeIssuer(_ node: SourceNode, defaultID: String?, locale: String, _ diagnostics: inout Diagnostics) -> Issuer? {
        guard let fields = Fields(node, what: "issuer", allowed: Self.issuerKeys, diagnostics: &diagnostics) else { return nil }
        let id = identifier(fields, defaultID: defaultID, &diagnostics)
        let name = fields.required("name", &diagnostics).flatMap { Values.text($0, "name", defaultLocale: locale, &diagnostics) }
        let url = fields.required("url", &diagnostics).flatMap { Values.url($0, "url", &diagnostics) }
        let email = fields["email"].flatMap { Values.email($0, "email", &diagnostics) }
        let description = fields["description"].flatMap { Values.text($0, "description", defaultLocale: locale, &diagnostics) }
        let image = fields["image"].flatMap { images.load($0, "image", formats: [.png, .svg], &diagnostics) }
        var linkedIn: String?
        if let node = fields["linkedin_organization_id"], let text = Values.string(node, "linkedin_organization_id", &diagnostics) {
            if !text.isEmpty, text.utf8.count <= 20, text.utf8.allSatisfy({ (48...57).contains($0) }) { linkedIn = text } else {
                diagnostics.error("'linkedin_organization_id' must be the organization's number, found '\(Quoted.text(text))'",
                                  at: node.location)
            }
        }
        guard let id, let name, let url else { return nil }
        return Issuer(id: id, name: name, url: url, email: email, description: description, image: image,
                      linkedInOrganizationID: linkedIn, location: node.location)
    }

    // MARK: badges

    static let badgeKeys = ["id", "name", "description", "image", "criteria", "issuer", "kind", "status", "skills",
                            "alignment", "requires", "validity_days", "social_image"]
    static let criteriaKeys = ["narrative", "url"]
    static let alignmentKeys = ["name", "url", "framework", "code", "description"]

    func decodeBadge(_ node: SourceNode, defaultID: String?, site: Site?, locale: String,
                     _ diagnostics: inout Diagnostics) -> BadgeClass? {
        guard let fields = Fields(node, what: "badge", allowed: Self.badgeKeys, diagnostics: &diagnostics) else { return nil }
        let id = identifier(fields, defaultID: defaultID, &diagnostics)
        let name = fields.required("name", &diagnostics).flatMap { Values.text($0, "name", defaultLocale: locale, &diagnostics) }
        let description = fields.required("description", &diagnostics).flatMap {
            Values.text($0, "description", defaultLocale: locale, &diagnostics)
        }
        let image = fields.required("image", &diagnostics).flatMap { images.load($0, "image", formats: [.png, .svg], &diagnostics) }
        let socialImage = fields["social_image"].flatMap { images.load($0, "social_image", formats: [.png, .jpeg], &diagnostics) }
        var criteria: Criteria?
        if let criteriaNode = fields.required("criteria", &diagnostics),
           let criteriaFields = Fields(criteriaNode, what: "criteria", allowed: Self.criteriaKeys, diagnostics: &diagnostics) {
            let narrative = criteriaFields["narrative"].flatMap {
                Values.text($0, "criteria.narrative", defaultLocale: locale, &diagnostics)
            }
            let url = criteriaFields["url"].flatMap { Values.url($0, "criteria.url", &diagnostics) }
            if criteriaFields["narrative"] == nil && criteriaFields["url"] == nil {
                diagnostics.error("criteria needs a 'narrative' or a 'url'", at: criteriaNode.location)
            } else {
                criteria = Criteria(narrative: narrative, url: url)
            }
        }
        var issuer: Reference?
        if let issuerNode = fields["issuer"] {
            issuer = Values.id(issuerNode, "issuer", &diagnostics).map { Reference(id: $0, location: issuerNode.location) }
        } else if let siteIssuer = site?.issuerID {
            issuer = Reference(id: siteIssuer, location: node.location)
        } else if site != nil {
            diagnostics.error("badge has no 'issuer' and the site sets no default 'issuer'", at: node.location)
        }
        let kind = fields["kind"].flatMap { Values.choice($0, "kind", BadgeClass.Kind.self, &diagnostics) } ?? .certification
        let status = fields["status"].flatMap { Values.choice($0, "status", BadgeClass.Status.self, &diagnostics) } ?? .active
        var skills: [LocalizedText] = []
        if let list = fields["skills"].flatMap({ Values.list($0, "skills", &diagnostics) }) {
            skills = list.compactMap { Values.text($0, "skills", defaultLocale: locale, &diagnostics) }
        }
        var alignment: [Alignment] = []
        if let list = fields["alignment"].flatMap({ Values.list($0, "alignment", &diagnostics) }) {
            for item in list {
                guard let entry = Fields(item, what: "alignment", allowed: Self.alignmentKeys, diagnostics: &diagnostics) else { continue }
                let name = entry.required("name", &diagnostics).flatMap { Values.text($0, "alignment.name", defaultLocale: locale, &diagnostics) }
                let url = entry.required("url", &diagnostics).flatMap { Values.url($0, "alignment.url", &diagnostics) }
                let framework = entry["framework"].flatMap { Values.string($0, "alignment.framework", &diagnostics) }
                let code = entry["code"].flatMap { Values.string($0, "alignment.code", &diagnostics) }
                let description = entry["description"].flatMap {
                    Values.text($0, "alignment.description", defaultLocale: locale, &diagnostics)
                }
                if let name, let url {
                    alignment.append(Alignment(name: name, url: url, framework: framework, code: code, description: description))
                }
            }
        }
        var requires: [Reference] = []
        if let list = fields["requires"].flatMap({ Values.list($0, "requires", &diagnostics) }) {
            requires = list.compactMap { item in Values.id(item, "requires", &diagnostics).map { Reference(id: $0, location: item.location) } }
        }
        let validity = fields["validity_days"].flatMap { Values.positiveInt($0, "validity_days", &diagnostics) }
        guard let id, let name, let description, let image, let criteria, let issuer else { return nil }
        return BadgeClass(id: id, name: name, description: description, image: image, criteria: criteria, issuer: issuer,
                          kind: kind, status: status, skills: skills, alignment: alignment, requires: requires,
                          validityDays: validity, socialImage: socialImage, location: node.location)
    }
}
