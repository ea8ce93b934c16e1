import StarlingCore

/// A file sent in a `multipart/form-data` form.
public struct UploadedFile: Sendable {
    public var filename: String
    public var bytes: [UInt8]
}

extension FormData {
    /// Parses a `multipart/form-data` body: text parts become fields, file parts become `files`.
    init(multipart body: [UInt8], contentType: String) throws {
        self.init()
        guard let boundaryRange = contentType.range(of: "boundary=") else {
            throw DomainError.invalid(field: "form", message: "The upload was garbled in transit; please try again.")
        }
        let boundary = contentType[boundaryRange.upperBound...].split(separator: ";")[0].trimmingCharacters(in: CharacterSet(charactersIn: "\" "))
        let delimiter = Array("--\(boundary)".utf8)
        var index = 0
        guard let first = body.firstRange(of: delimiter, from: 0) else {
            throw DomainError.invalid(field: "form", message: "The upload was garbled in transit; please try again.")
        }
        index = first.upperBound
        while index + 2 <= body.count, !(body[index] == UInt8(ascii: "-") && body[index + 1] == UInt8(ascii: "-")) {
            index += 2 // CRLF after the delimiter
            guard let headerEnd = body.firstRange(of: Array("\r\n\r\n".utf8), from: index),
                  let next = body.firstRange(of: Array("\r\n".utf8) + delimiter, from: headerEnd.upperBound) else {
                throw DomainError.invalid(field: "form", message: "The upload was garbled in transit; please try again.")
            }
            let headers = String(decoding: body[index..<headerEnd.lowerBound], as: UTF8.self)
            let content = Array(body[headerEnd.upperBound..<next.lowerBound])
            let name = Self.dispositionValue("name", in: headers) ?? ""
            if let filename = Self.dispositionValue("filename", in: headers) {
                if !filename.isEmpty || !content.isEmpty { files[name] = UploadedFile(filename: filename, bytes: content) }
            } else {
                guard let text = String(validating: content, as: UTF8.self) else {
                    throw DomainError.invalid(field: name, message: "“\(name)” contains bytes that are not valid text (UTF-8).")
                }
                append(name, text)
            }
            index = next.upperBound
        }
    }

    private static func dispositionValue(_ key: String, in headers: String) -> String? {
        for line in headers.split(separator: "\r\n") where line.lowercased().hasPrefix("content-disposition:") {
            for part in line.split(separator: ";").map({ $0.trimmingCharacters(in: .whitespaces) }) where part.hasPrefix(key + "=") {
                return String(part.dropFirst(key.count + 1)).trimmingCharacters(in: CharacterSet(charactersIn: "\""))
            }
        }
        return nil
    }
}

extension Array where Element == UInt8 {
    /// The first occurrence of `pattern` at or after `start`.
    func firstRange(of pattern: [UInt8], from start: Int) -> Range<Int>? {
        guard !pattern.isEmpty, count >= pattern.count else { return nil }
        var i = start
        let last = count - pattern.count
        while i <= last {
            if self[i] == pattern[0] && self[i..<i + pattern.count].elementsEqual(pattern) { return i..<i + pattern.count }
            i += 1
        }
        return nil
    }
}

import Foundation
