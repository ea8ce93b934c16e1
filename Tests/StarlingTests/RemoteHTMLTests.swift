import Testing
@testable import StarlingCore

/// The text of HTML from another server: tags dropped, paragraphs and line breaks kept, references
/// decoded, and nothing of scripts or styles kept, so that the post is rendered by members' rules.
@Suite("Text of HTML from other servers")
struct RemoteHTMLTests {
    @Test("paragraphs become blank lines and line breaks new lines")
    func paragraphs() {
        #expect(RemoteHTML.plainText("<p>First line<br>second line</p><p>Next paragraph</p>") == "First line\nsecond line\n\nNext paragraph")
        #expect(RemoteHTML.plainText("<p>One</p>\n<p>Two</p>") == "One\n\nTwo")
    }

    @Test("character references are decoded, named and numbered")
    func references() {
        #expect(RemoteHTML.plainText("Fish &amp; chips &lt;3 &#39;quoted&#39; &#x1F600; &quot;x&quot;") == "Fish & chips <3 'quoted' 😀 \"x\"")
        #expect(RemoteHTML.plainText("AT&T &unknown; &") == "AT&T &unknown; &")
    }

    @Test("what scripts, styles and comments hold is left out, and so is every tag")
    func hiddenContent() {
        let html = "<p>Hi<script>alert('x')</script><style>p{}</style><!-- a > comment --> there <img src=x onerror=alert(1)></p>"
        #expect(RemoteHTML.plainText(html) == "Hi there")
        #expect(RemoteHTML.plainText("<a href=\"x\" title=\"a > b\">link</a>") == "link")
    }

    @Test("a link Mastodon shortens keeps its whole address, and mentions and hashtags their text")
    func mastodonMarkup() {
        let html = """
            <p><span class="h-card"><a href="https://b.example/@ada" class="u-url mention">@<span>ada</span></a></span> see \
            <a href="https://example.org/a/long/path" rel="nofollow"><span class="invisible">https://</span><span class="ellipsis">example.org/a/lo</span>\
            <span class="invisible">ng/path</span></a> <a href="https://b.example/tags/lrnchat" class="mention hashtag">#<span>lrnchat</span></a></p>
            """
        #expect(RemoteHTML.plainText(html) == "@ada see https://example.org/a/long/path #lrnchat")
    }

    @Test("a lone < that starts no tag stays text, and an unterminated tag is dropped")
    func strayBrackets() {
        #expect(RemoteHTML.plainText("1 < 2 and 3 > 2") == "1 < 2 and 3 > 2")
        #expect(RemoteHTML.plainText("text <a href=\"x") == "text")
    }

    @Test("rendered by members' rules, the text carries no markup from outside")
    func renderedSafely() {
        let text = RemoteHTML.plainText("<p>&lt;script&gt;alert(1)&lt;/script&gt; <b onclick=x>bold</b></p>")
        let html = PostText(text).html { _ in nil }
        #expect(html == "<p>&lt;script&gt;alert(1)&lt;/script&gt; bold</p>")
    }
}
