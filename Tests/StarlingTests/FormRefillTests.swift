import Testing
@testable import StarlingWeb

/// A refused form comes back refilled with what was typed, the field in error marked beside its message.
@Suite("Form refill")
struct FormRefillTests {
    private func rejected(_ fields: [(String, String)], field: String = "title", message: String = "Give it a title.") throws -> RejectedForm {
        var form = FormData()
        for (name, value) in fields { form.append(name, value) }
        return RejectedForm(action: "/things", values: form, field: field, message: message, status: .unprocessableContent)
    }

    private let page = """
        <details class="card"><summary>New thing</summary>
        <form method="post" action="/things"><input type="hidden" name="_csrf" value="new-token">
        <label for="t">Title</label><input type="text" id="t" name="title" required>
        <textarea id="n" name="notes">old</textarea>
        <select id="k" name="kind"><option value="a" selected>A</option><option value="b">B</option></select>
        <input type="checkbox" name="public" value="1" checked>
        <input type="password" name="secret">
        <input type="text" name="row"><input type="text" name="row"><input type="text" name="row">
        </form></details>
        <form method="post" action="/other"><input type="text" name="title"></form>
        """

    @Test("text, textareas, selects, checkboxes and repeated fields get what was sent; passwords and hidden fields do not")
    func refillsFields() throws {
        let form = try rejected([("_csrf", "old-token"), ("title", "Café <b>"), ("notes", "line 1\nline 2"), ("kind", "b"),
                                 ("secret", "hunter2"), ("row", "one"), ("row", "two")])
        let html = FormRefill.apply(form, to: page)
        #expect(html.contains("name=\"title\" required value=\"Café &lt;b&gt;\""))
        #expect(html.contains(">line 1\nline 2</textarea>"))
        #expect(html.contains("<option value=\"a\">A</option><option value=\"b\" selected>B</option>"))
        #expect(html.contains("<input type=\"checkbox\" name=\"public\" value=\"1\">"))
        #expect(html.contains("value=\"new-token\"") && !html.contains("hunter2"))
        #expect(html.contains("name=\"row\" value=\"one\"><input type=\"text\" name=\"row\" value=\"two\"><input type=\"text\" name=\"row\">"))
        #expect(html.hasSuffix("<form method=\"post\" action=\"/other\"><input type=\"text\" name=\"title\"></form>"))
    }

    @Test("the field in error is marked and described by its message; a summary leads the form and the details around it open")
    func marksTheError() throws {
        let html = FormRefill.apply(try rejected([("title", "")]), to: page)
        #expect(html.contains("aria-invalid=\"true\" aria-describedby=\"title-error\"><p class=\"field-error\" id=\"title-error\">Give it a title.</p>"))
        #expect(html.contains("<form method=\"post\" action=\"/things\"><div class=\"form-errors\" id=\"form-errors\" role=\"alert\""))
        #expect(html.contains("<a href=\"#t\">Give it a title.</a>"))
        #expect(html.hasPrefix("<details class=\"card\" open>"))
    }

    @Test("of several forms with one action, the one whose hidden fields match what was sent is refilled")
    func findsTheFormUsed() throws {
        let replies = """
            <form method="post" action="/posts"><input type="hidden" name="in_reply_to_id" value="1"><textarea name="text"></textarea></form>
            <form method="post" action="/posts"><input type="hidden" name="in_reply_to_id" value="2"><textarea name="text"></textarea></form>
            """
        var sent = try rejected([("in_reply_to_id", "2"), ("text", "Second")], field: "text")
        sent.action = "/posts"
        let html = FormRefill.apply(sent, to: replies)
        #expect(html.contains("value=\"1\"><textarea name=\"text\"></textarea>"))
        #expect(html.contains("value=\"2\"><textarea name=\"text\" aria-invalid=\"true\" aria-describedby=\"text-error\">Second</textarea>"))
    }

    @Test("a page without the form shows the message above everything; a form sent back to go on editing shows no message")
    func fallbacks() throws {
        #expect(FormRefill.apply(try rejected([("title", "x")]), to: "<p>Nothing here</p>").hasSuffix("Give it a title.</li></ul></div><p>Nothing here</p>"))
        let more = try rejected([("title", "Draft")], field: "", message: "")
        let html = FormRefill.apply(more, to: page)
        #expect(!html.contains("form-errors") && html.contains("value=\"Draft\""))
    }
}
