import Testing
@testable import StarlingPostgres

/// How the store's statement texts become PostgreSQL's: `?`, `?N` and `:name` turned into `$N`.
@Suite("Statement texts for PostgreSQL")
struct SQLTextTests {
    @Test("positional, numbered and named parameters become numbered ones, a name used twice one value")
    func parameters() {
        let positional = SQLText("SELECT a FROM t WHERE b = ? AND c = ?")
        #expect(positional.sql == "SELECT a FROM t WHERE b = $1 AND c = $2")
        #expect(positional.parameters == [nil, nil])
        let numbered = SQLText("SELECT ?2, ?1, ?2")
        #expect(numbered.sql == "SELECT $2, $1, $2")
        #expect(numbered.parameters == [nil, nil])
        let named = SQLText("SELECT :viewer, :other_1, :viewer")
        #expect(named.sql == "SELECT $1, $2, $1")
        #expect(named.parameters == ["viewer", "other_1"])
    }

    @Test("quoted text, casts and characters beyond ASCII are left as they are")
    func untouched() {
        let text = SQLText("SELECT 'it''s ? :not', x::text, 'é ü' || :name, ?")
        #expect(text.sql == "SELECT 'it''s ? :not', x::text, 'é ü' || $1, $2")
        #expect(text.parameters == ["name", nil])
    }
}
