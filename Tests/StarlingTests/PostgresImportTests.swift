import Foundation
import NIOCore
import Testing
import StarlingSQL
@testable import StarlingPostgres

/// Rows copied into PostgreSQL (`starling admin migrate`) travel in COPY's text format: whatever a post holds
/// must arrive as it was.
@Suite("Importing into PostgreSQL")
struct PostgresImportTests {
    private func copyText(_ value: SQLValue) -> String {
        var buffer = ByteBuffer()
        PostgresImport.writeCopyText(value, into: &buffer)
        return String(buffer: buffer)
    }

    @Test("tabs, line breaks, backslashes and NUL in text are escaped; nulls are \\N; bytes are hex")
    func copyTextFormat() {
        #expect(copyText(.text("a\tb\nc\\d\re")) == #"a\tb\nc\\d\re"#)
        #expect(copyText(.text("nul\0here")) == "nul\u{FFFD}here")
        #expect(copyText(.text(nil)) == #"\N"#)
        #expect(copyText(.integer(-42)) == "-42")
        #expect(copyText(.bytes(Data([0x00, 0x0f, 0xff]))) == #"\\x000fff"#)
        #expect(copyText(.texts(["a\"b", "c"])) == #"{"a\\"b","c"}"#)
    }
}
