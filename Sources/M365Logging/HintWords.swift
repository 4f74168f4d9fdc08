/// A case-insensitive search for a few ASCII words in a string's UTF-8 bytes, made for the redactor's filter: it
/// runs on every logged value, and `lowercased()` followed by a dozen `contains` costs a copy and a dozen generic
/// substring searches each time.
struct HintWords: Sendable {
    /// The words, lowercased ASCII.
    private let words: [[UInt8]]
    /// Whether a (lowercased) byte starts one of the words.
    private let starts: [Bool]

    init(_ words: [String]) {
        precondition(words.allSatisfy { $0.utf8.allSatisfy { $0 < 0x80 } && $0 == $0.lowercased() && !$0.isEmpty })
        self.words = words.map { Array($0.utf8) }
        var starts = [Bool](repeating: false, count: 256)
        for word in self.words { starts[Int(word[0])] = true }
        self.starts = starts
    }

    /// Whether `text` contains one of the words, ASCII letters compared without case; nil when the text holds a
    /// character whose lowercase form is ASCII without being ASCII (the Kelvin sign, `İ`), which only a full
    /// Unicode lowercasing compares rightly.
    func occur(in text: String) -> Bool? {
        var text = text
        return text.withUTF8 { occur(in: $0) }
    }

    /// Whether `bytes` contain one of the words; nil as above.
    func occur(in bytes: UnsafeBufferPointer<UInt8>) -> Bool? {
        var needsUnicode = false
        for index in bytes.indices {
            let byte = bytes[index]
            if starts[Int(Self.lowered(byte))], matchesWord(bytes, at: index) { return true }
            // U+212A KELVIN SIGN is E2 84 AA and U+0130 is C4 B0: lowercased, both give an ASCII letter.
            if byte == 0xE2 || byte == 0xC4, Self.lowercasesToASCII(bytes, at: index) { needsUnicode = true }
        }
        return needsUnicode ? nil : false
    }

    private func matchesWord(_ bytes: UnsafeBufferPointer<UInt8>, at start: Int) -> Bool {
        words.contains { word in
            guard bytes.count - start >= word.count else { return false }
            for offset in word.indices where Self.lowered(bytes[start + offset]) != word[offset] { return false }
            return true
        }
    }

    private static func lowercasesToASCII(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Bool {
        let rest = bytes.count - index
        if bytes[index] == 0xC4 { return rest >= 2 && bytes[index + 1] == 0xB0 }
        return rest >= 3 && bytes[index + 1] == 0x84 && bytes[index + 2] == 0xAA
    }

    private static func lowered(_ byte: UInt8) -> UInt8 {
        byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte
    }
}
