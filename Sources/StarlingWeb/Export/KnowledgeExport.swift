import Foundation
import Hummingbird
import StarlingCore

/// A program's knowledge base as files to keep: Markdown files in one tar archive, or one static
/// HTML document (no scripts, styles inline) that opens anywhere.
struct KnowledgeExport {
    let program: Program
    let pages: [KnowledgePage]
    let baseURL: String

    /// The knowledge base of a program the viewer may see.
    init(_ programID: ID, viewer: Account, starling: Starling) async throws {
        program = try await starling.programs.program(programID, viewer: viewer)
        pages = try await starling.knowledge.pages(programID: programID, viewer: viewer)
        baseURL = starling.settings.baseURL
    }

    /// `index.md` and one `NNN-slug.md` per page, each starting with its title and where it came from.
    func markdownArchive() -> [UInt8] {
        var archive = TarArchive()
        var index = "# \(program.title): knowledge base\n\n"
        for (number, page) in pages.enumerated() {
            let file = String(format: "%03d-", number + 1) + Self.slug(page.title) + ".md"
            index += "- [\(page.title)](\(file))\n"
            var text = "# \(page.title)\n\n\(page.body)\n"
            if let source = page.sourcePostID { text += "\n---\nFrom \(baseURL)/posts/\(source)\n" }
            archive.add(file, Array(text.utf8), modified: page.updatedAt)
        }
        archive.add("index.md", Array(index.utf8), modified: pages.map(\.updatedAt).max() ?? program.createdAt)
        return archive.finished
    }

    func htmlDocument() -> [UInt8] {
        let toc = pages.map { "<li><a href=\"#page-\($0.id)\">\($0.title)</a></li>" as HTML }
        let sections = pages.map { page -> HTML in
            "<section id=\"page-\(page.id)\"><h2>\(page.title)</h2>\(Markdown.html(page.body))</section>"
        }
        return StandaloneDocument.bytes(title: "\(program.title): knowledge base", body: "<ol>\(toc)</ol>\(sections)")
    }

    /// A file-name-safe version of a title.
    static func slug(_ title: String) -> String {
        let folded = title.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
        let words = folded.split(whereSeparator: { !($0.isASCII && ($0.isLetter || $0.isNumber)) })
        let slug = words.joined(separator: "-")
        return slug.isEmpty ? "page" : String(slug.prefix(60))
    }

    /// The download for `format` ("tar" or "html").
    static func response(_ export: KnowledgeExport, format: String) throws -> Response {
        let name = "knowledge-" + slug(export.program.hashtag)
        let (bytes, type, file): ([UInt8], String, String) = switch format {
        case "tar": (export.markdownArchive(), "application/x-tar", name + ".tar")
        case "html": (export.htmlDocument(), "text/html; charset=utf-8", name + ".html")
        default: throw DomainError.notFound
        }
        return Response(status: .ok, headers: [.contentType: type, .contentDisposition: "attachment; filename=\"\(file)\""],
                        body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
    }
}
