import StarlingCore

/// One HTML file that opens anywhere, for downloads: no scripts, its small stylesheet inline.
enum StandaloneDocument {
    static func bytes(title: String, body: HTML) -> [UInt8] {
        let document: HTML = """
            <!doctype html>
            <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(title)</title>
            <style>body{font:16px/1.55 system-ui,sans-serif;max-width:46rem;margin:2rem auto;padding:0 1rem;color:#1d2939}
            section{border-top:1px solid #e4e7ec;margin-top:2rem}blockquote{border-left:3px solid #d0d5dd;margin:0;padding-left:1rem;color:#475467}
            pre{background:#f2f4f7;padding:.75rem;overflow:auto}</style></head>
            <body><h1>\(title)</h1>\(body)</body></html>
            """
        return Array(document.raw.utf8)
    }
}
