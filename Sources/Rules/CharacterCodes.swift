/// Numbers for the characters of normalised titles, as `Similarity` compares them (Swift
/// characters, equal by canonical equivalence), so titles become arrays of integers once and
/// are compared without hashing characters again.
public struct CharacterCodes: Sendable {
    /// The code of every character seen, in the order first seen.
    private var codes: [Character: UInt32] = [:]
    /// The codes of characters that are one scalar, by scalar: asked before `codes`, whose keys
    /// hash by canonical equivalence and cost far more than an integer.
    private var byScalar: [UInt32: UInt32] = [:]

    /// The code `look` gives a character never seen: no assigned code equals it.
    public static let unseen: UInt32 = 0x1F_FFFF

    public init() {}

    /// The codes of the characters of `key`, giving characters not seen before new codes.
    public mutating func assign(_ key: String) -> [UInt32] {
        guard Self.isOneScalarPerCharacter(key) else { return key.map { assign($0) } }
        return key.unicodeScalars.map { scalar in
            if let code = byScalar[scalar.value] { return code }
            let code = assign(Character(scalar))
            byScalar[scalar.value] = code
            return code
        }
    }

    /// The codes of the characters of `key`; `unseen` for a character never assigned one.
    public func look(_ key: String) -> [UInt32] {
        guard Self.isOneScalarPerCharacter(key) else { return key.map { codes[$0] ?? Self.unseen } }
        return key.unicodeScalars.map { byScalar[$0.value] ?? codes[Character($0)] ?? Self.unseen }
    }

    private mutating func assign(_ character: Character) -> UInt32 {
        if let code = codes[character] { return code }
        let code = UInt32(codes.count)
        precondition(code < BigramIndex.noPartner, "too many distinct characters for the index")
        codes[character] = code
        return code
    }

    /// Whether every scalar of `key` is a character of its own: printable ASCII and CJK
    /// ideographs, between which text always breaks (most titles). Their codes still come from
    /// `codes`, so a character written another way that Swift holds equal shares its code.
    private static func isOneScalarPerCharacter(_ key: String) -> Bool {
        key.unicodeScalars.allSatisfy { (0x20...0x7E).contains($0.value) || (0x4E00...0x9FFF).contains($0.value) }
    }
}
