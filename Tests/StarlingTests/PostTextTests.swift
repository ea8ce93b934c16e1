import Testing
@testable import StarlingCore

@Suite("Post text: hashtags, mentions, links and sanitized HTML")
struct PostTextTests {
    @Test("hashtags keep the case first written and are found in Unicode text")
    func hashtagsInUnicode() {
        #expect(PostText("Learning #Onboarding and #café_crème today").hashtags == ["Onboarding", "café_crème"])
    }

    @Test("a hashtag may have inner hyphens but not trailing ones")
    func hyphenatedHashtags() {
        #expect(PostText("#leadership-lab and #onboarding-2026- ok").hashtags == ["leadership-lab", "onboarding-2026"])
    }

    @Test("the same tag in another case counts once")
    func tagsDeduplicatedWithoutCase() {
        #expect(PostText("#TIL #til #Til").hashtags == ["TIL"])
    }

    @Test("numbers, URL fragments and HTML entities are not hashtags")
    func notHashtags() {
        #expect(PostText("#1 https://x.org/a#frag &#39; a#b").hashtags.isEmpty)
    }

    @Test("mentions are usernames after a boundary; email addresses are not mentions")
    func mentions() {
        #expect(PostText("hi @ada and @Ben_2, mail me at me@example.org").mentions == ["ada", "Ben_2"])
    }

    @Test("links become anchors that open safely; only http and https count")
    func links() {
        let html = PostText("see https://example.org/path?a=1&b=2. and javascript:alert(1)").html { _ in nil }
        #expect(html.contains(#"<a href="https://example.org/path?a=1&amp;b=2" rel="nofollow noopener noreferrer" target="_blank">example.org/path?a=1&amp;b=2</a>."#))
        #expect(!html.contains("href=\"javascript"))
    }

    @Test("markup in a post is shown as text, never run")
    func markupIsEscaped() {
        let html = PostText(#"<script>alert(1)</script><img src=x onerror="alert(2)"> #tag"#).html { _ in nil }
        #expect(!html.contains("<script"))
        #expect(!html.contains("<img"))
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(html.contains(#"<a href="/tags/tag" class="hashtag" rel="tag">#tag</a>"#))
    }

    @Test("known mentions link to profiles; unknown ones stay text")
    func mentionResolution() {
        let html = PostText("@ada @nobody").html { $0 == "ada" ? "ada" : nil }
        #expect(html == #"<p><a href="/@ada" class="mention">@ada</a> @nobody</p>"#)
    }

    @Test("blank lines make paragraphs and single newlines make line breaks")
    func paragraphs() {
        #expect(PostText("one\ntwo\n\nthree").html { _ in nil } == "<p>one<br>two</p><p>three</p>")
    }

    @Test("control characters are removed and line endings unified")
    func normalization() {
        #expect(PostText.normalize("a\u{0}b\r\nc\u{7}") == "ab\nc")
    }

    @Test("byte replacement replaces every occurrence, including at both ends, and leaves other text alone")
    func byteReplacement() {
        #expect("a\nb\n".replacingBytes("\n", with: "<br>") == "a<br>b<br>")
        #expect("\nü\n🐦".replacingBytes("\n", with: "|") == "|ü|🐦")
        #expect(#"<a href="/tags/x">"#.replacingBytes(#"href="/"#, with: #"href="https://s.example/"#) == #"<a href="https://s.example/tags/x">"#)
        #expect("no match".replacingBytes("xyz", with: "!") == "no match")
        #expect("ab".replacingBytes("abc", with: "!") == "ab")
    }
}

@Suite("Security primitives")
struct SecurityPrimitiveTests {
    @Test("SHA-256 matches the standard test vectors")
    func sha256Vectors() {
        #expect(SHA256.hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(SHA256.hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(SHA256.hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")
            == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
    }

    @Test("random tokens are URL-safe and do not repeat")
    func tokens() {
        let tokens = (0..<100).map { _ in Token.random() }
        #expect(Set(tokens).count == 100)
        #expect(tokens.allSatisfy { $0.count == 43 && $0.allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" } })
    }

    @Test("ids for the present increase strictly, also within one millisecond")
    func idsIncrease() {
        let generator = IDGenerator()
        let ids = (0..<1000).map { _ in generator.next() }
        #expect(zip(ids, ids.dropFirst()).allSatisfy { $0 < $1 })
    }

    @Test("processes with different node numbers never make the same id, even for one millisecond and past its 4,096 ids")
    func nodesNeverCollide() {
        let moment = Date()
        let ids = [0, 1, 15].map { node in
            let generator = IDGenerator()
            generator.use(node: node)
            return (0..<5000).map { _ in generator.next(at: moment) } + (0..<100).map { _ in generator.next(at: moment - 3600) }
        }
        for nodeIDs in ids { #expect(zip(nodeIDs.prefix(5000), nodeIDs.prefix(5000).dropFirst()).allSatisfy { $0 < $1 }) }
        #expect(Set(ids.joined()).count == 3 * 5100)
    }

    @Test("an id for a past date carries that date")
    func backdatedIDs() {
        let generator = IDGenerator()
        _ = generator.next()
        let past = Date(timeIntervalSince1970: 1_700_000_000)
        #expect(generator.next(at: past).date == past)
    }

    @Test("ids for one past moment increase, also when ids for other moments are made in between")
    func backdatedIDsIncrease() {
        let generator = IDGenerator()
        _ = generator.next()
        let moment = Date() - 3600, other = Date() - 7200
        let ids = (0..<50).map { _ in
            _ = generator.next(at: other)
            return generator.next(at: moment)
        }
        #expect(zip(ids, ids.dropFirst()).allSatisfy { $0 < $1 })
        #expect(ids.allSatisfy { $0.date == ID(floorOf: moment).date })
    }

    @Test("ids for a moment that was the present, made again once it is past, follow those made then")
    func revisitedMomentIDs() {
        let generator = IDGenerator()
        let moment = Date()
        let then = (0..<300).map { _ in generator.next(at: moment) }
        _ = generator.next(at: moment + 5)
        let later = (0..<300).map { _ in generator.next(at: moment) }
        #expect(Set(then + later).count == 600)
        #expect(later.first! > then.last!)
    }

    @Test("ids parse from decimal strings only")
    func idParsing() {
        #expect(ID("123")?.rawValue == 123)
        #expect(ID("12a") == nil)
        #expect(ID("-5") == nil)
        #expect(ID("99999999999999999999") == nil)
    }
}

import Foundation
