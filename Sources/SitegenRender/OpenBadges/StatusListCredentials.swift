import SitegenCompress
import SitegenModel
import SitegenMustache
import SitegenPlan
import SitegenSignature

/// The revocation status lists of the Open Badges 3.0 credentials (W3C Bitstring Status List
/// v1.0): `BitstringStatusListCredential`s at `/status/<n>.json`, each of `size` entries, one bit
/// per status index (`SitePlan.statusIndices`), set for a revoked award and clear for everything
/// else — unpublished awards included, so a list says nothing about who is private. The bits are
/// GZIP-compressed and multibase base64url encoded, and each list is signed like a credential.
public struct StatusListCredentials: Sendable {
    /// Entries per list: the specification's minimum, so a list never narrows down who is who.
    public static let size = 131_072

    public let plan: SitePlan
    public let routes: Routes
    public let signer: OpenBadgeCredentials.Signer

    public init(plan: SitePlan, routes: Routes, signer: OpenBadgeCredentials.Signer) {
        self.plan = plan
        self.routes = routes
        self.signer = signer
    }

    /// How many lists the record's indices need (at least one).
    public var count: Int { max(1, (plan.statusIndices.count + Self.size - 1) / Self.size) }

    /// The list holding `index` (1-based, as in its URL) and the index's place in it.
    public static func place(of index: Int) -> (list: Int, position: Int) { (index / size + 1, index % size) }

    public func url(_ list: Int) -> String { routes.url(routes.statusList(list)) }

    /// The revoked awards of list `list`: their positions, and the latest day among their
    /// revocations (the list's `created`, so it changes only when the list does).
    func revocations(in list: Int) -> (positions: [Int], latest: Day?) {
        var positions: [Int] = []
        var latest: Day?
        for award in plan.awards where award.revocation != nil {
            let place = Self.place(of: award.statusIndex)
            guard place.list == list else { continue }
            positions.append(place.position)
            let day = award.revocation?.date ?? award.issuedOn
            if latest.map({ day > $0 }) ?? true { latest = day }
        }
        return (positions.sorted(), latest)
    }

    /// The list's bits, first index in the highest bit of the first byte, gzipped (mtime 0, so
    /// the bytes are the same every build) and encoded as the specification says.
    public static func encodedList(revoked positions: [Int]) -> String {
        var bits = [UInt8](repeating: 0, count: size / 8)
        for position in positions { bits[position >> 3] |= 0x80 >> UInt8(position & 7) }
        return Multibase.encode(GzipStream.compress(bits), as: .base64url)
    }

    /// List `list` without its proof, the proof's options, and the day the proof names: one
    /// pass over the awards for all three.
    public func document(_ list: Int) -> (unsigned: [UInt8], proofConfiguration: [UInt8], created: Day) {
        let (positions, latest) = revocations(in: list)
        // The latest revocation in the list, else the earliest day any award was issued: a day
        // of the content, never the clock.
        let created = latest ?? plan.awards.lazy.map(\.issuedOn).min() ?? plan.today
        var unsigned = JSONWriter(pretty: true)
        unsigned.beginObject()
        writeFields(list, revoked: positions, into: &unsigned)
        unsigned.endObject()
        var configuration = JSONWriter(pretty: true)
        configuration.beginObject()
        OpenBadgeCredentials.writeContexts(into: &configuration)
        OpenBadgeCredentials.writeProofFields(created: created, verificationMethod: signer.verificationMethod, into: &configuration)
        configuration.endObject()
        return (unsigned.bytes, configuration.bytes, created)
    }

    /// The signed list, from `document(list)` and its proof value.
    public func signed(_ document: (unsigned: [UInt8], proofConfiguration: [UInt8], created: Day), proofValue: String) -> [UInt8] {
        OpenBadgeCredentials.withProof(document.unsigned, created: document.created, verificationMethod: signer.verificationMethod,
                                       proofValue: proofValue)
    }

    private func writeFields(_ list: Int, revoked positions: [Int], into json: inout JSONWriter) {
        OpenBadgeCredentials.writeContexts(into: &json)
        json.key("id"); json.string(url(list))
        json.key("type")
        json.beginArray()
        json.string("VerifiableCredential")
        json.string("BitstringStatusListCredential")
        json.endArray()
        json.key("issuer"); json.string(signer.did)
        json.key("credentialSubject")
        json.beginObject()
        json.key("id"); json.string(url(list) + "#list")
        json.key("type"); json.string("BitstringStatusList")
        json.key("statusPurpose"); json.string("revocation")
        json.key("encodedList"); json.string(Self.encodedList(revoked: positions))
        json.endObject()
    }
}
