/// Statement text as the store writes it, with named (`:name`) and positional (`?`, `?NNN`) parameters, turned
/// into PostgreSQL's numbered ones (`$1`): the queries read as the SQLite store's do, and each value is
/// bound once however often its name appears.
struct SQLText {
    /// The text with numbered parameters.
    let sql: String
    /// For each numbered parameter in order, the name it had (`nil` for a `?`).
    let parameters: [String?]

    init(_ text: String) {
        var sql = ""
        var parameters: [String?] = []
        var numbers: [String: Int] = [:]
        let characters = Array(text)
        var index = 0
        var inString = false
        while index < characters.count {
            let character = characters[index]
            if character == "'" {
                inString.toggle()
                sql.append(character)
                index += 1
            } else if inString {
                sql.append(character)
                index += 1
            } else if character == "?", index + 1 < characters.count, characters[index + 1].isNumber {
                // `?NNN`: the NNNth value, which the text may use more than once.
                var end = index + 1
                while end < characters.count, characters[end].isNumber { end += 1 }
                let number = Int(String(characters[(index + 1)..<end])) ?? 0
                while parameters.count < number { parameters.append(nil) }
                sql += "$\(number)"
                index = end
            } else if character == "?" {
                parameters.append(nil)
                sql += "$\(parameters.count)"
                index += 1
            } else if character == ":", index + 1 < characters.count, characters[index + 1] == ":" {
                sql += "::" // a cast
                index += 2
            } else if character == ":", index + 1 < characters.count, characters[index + 1].isLetter || characters[index + 1] == "_" {
                var end = index + 1
                while end < characters.count, characters[end].isLetter || characters[end].isNumber || characters[end] == "_" { end += 1 }
                let name = String(characters[(index + 1)..<end])
                let number = numbers[name] ?? {
                    parameters.append(name)
                    numbers[name] = parameters.count
                    return parameters.count
                }()
                sql += "$\(number)"
                index = end
            } else {
                sql.append(character)
                index += 1
            }
        }
        self.sql = sql
        self.parameters = parameters
    }
}
