/// Turns text into index terms for ``CatalogueIndex``.
///
/// - Han characters are folded with ``ChineseScriptFolding`` and indexed as overlapping character
///   bigrams (`飲食牌照` → `饮食`, `食牌`, `牌照`) and as unigrams, marked so the two never collide.
///   A query run of one character searches unigrams; longer runs search bigrams.
/// - Other letters and digits form words: lowercased, accents folded (`á`→`a`, `ç`→`c`, `ã`→`a`),
///   a light plural stem applied (`licenças`→`licenca`, `taxes`→`tax`), and stop words
///   (`de`, `the`, …) dropped.
enum SearchTokenizer {
    /// The terms of indexed text: bigrams, unigrams and words.
    static func indexTerms(_ text: String) -> [String] {
        var terms: [String] = []
        for run in runs(text) {
            switch run {
            case .han(let characters):
                for character in characters { terms.append("1:" + String(character)) }
                for (first, second) in zip(characters, characters.dropFirst()) {
                    terms.append(String([first, second]))
                }
            case .word(let word):
                if let term = wordTerm(word) { terms.append(term) }
            }
        }
        return terms
    }

    /// The terms of a query: bigrams for Han runs of two or more characters, a unigram for a single
    /// Han character, and words.
    static func queryTerms(_ text: String) -> [String] {
        var terms: [String] = []
        for run in runs(text) {
            switch run {
            case .han(let characters):
                if characters.count == 1 {
                    terms.append("1:" + String(characters[0]))
                } else {
                    for (first, second) in zip(characters, characters.dropFirst()) {
                        terms.append(String([first, second]))
                    }
                }
            case .word(let word):
                if let term = wordTerm(word) { terms.append(term) }
            }
        }
        var seen: Set<String> = []
        return terms.filter { seen.insert($0).inserted }
    }

    private enum Run {
        case han([Character])
        case word(String)
    }

    private static func runs(_ text: String) -> [Run] {
        var runs: [Run] = []
        var han: [Character] = []
        var word = ""
        func flush() {
            if !han.isEmpty { runs.append(.han(han)) }
            if !word.isEmpty { runs.append(.word(word)) }
            han = []
            word = ""
        }
        for character in text {
            if let scalar = character.unicodeScalars.first, isHan(scalar) {
                if !word.isEmpty { flush() }
                han.append(ChineseScriptFolding.fold(character))
            } else if character.isLetter || character.isNumber {
                if !han.isEmpty { flush() }
                word += foldLatin(character)
            } else {
                flush()
            }
        }
        flush()
        return runs
    }

    private static func isHan(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xF900...0xFAFF, 0x20000...0x3134F: true
        default: false
        }
    }

    private static let accentFolding: [Character: String] = {
        var table: [Character: String] = [:]
        let groups: [(String, String)] = [
            ("áàâãäå", "a"), ("éèêë", "e"), ("íìîï", "i"), ("óòôõö", "o"), ("úùûü", "u"), ("ç", "c"), ("ñ", "n"),
        ]
        for (accented, plain) in groups {
            for character in accented { table[character] = plain }
        }
        return table
    }()

    /// Lowercases and strips accents; combining marks of decomposed input are dropped.
    private static func foldLatin(_ character: Character) -> String {
        let lower = character.lowercased()
        var result = ""
        for lowered in lower {
            if let plain = accentFolding[lowered] {
                result += plain
                continue
            }
            var scalars = String.UnicodeScalarView()
            for scalar in lowered.unicodeScalars where scalar.properties.generalCategory != .nonspacingMark {
                scalars.append(scalar)
            }
            let base = String(scalars)
            if let single = base.first, base.count == 1, let plain = accentFolding[single] {
                result += plain
            } else {
                result += base
            }
        }
        return result
    }

    private static let stopWords: Set<String> = [
        "a", "o", "as", "os", "e", "de", "da", "do", "das", "dos", "em", "no", "na", "para", "por", "com", "um",
        "uma", "the", "of", "and", "for", "to", "in", "on", "an", "or", "with",
    ]

    /// A light plural stem: `-es` after `x`/`z`/`r`/`s` and `-s` otherwise are removed from words
    /// longer than three letters (but not `-ss`, `-us`, `-is`).
    private static func wordTerm(_ word: String) -> String? {
        guard !stopWords.contains(word) else { return nil }
        var stem = word
        if stem.count > 4, stem.hasSuffix("es"), let before = stem.dropLast(2).last, "xzrs".contains(before) {
            stem.removeLast(2)
        } else if stem.count > 3, stem.hasSuffix("s"), !stem.hasSuffix("ss"), !stem.hasSuffix("us"),
            !stem.hasSuffix("is")
        {
            stem.removeLast()
        }
        return stem
    }
}
