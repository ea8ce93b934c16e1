/// An image format recognized by its bytes, never by a file name or a declared type.
public enum ImageFormat: String, Sendable, CaseIterable {
    case jpeg, png, gif, webp

    /// The format of `bytes`, or nil when they are not a supported image.
    public static func detect(_ bytes: [UInt8]) -> ImageFormat? {
        func starts(_ prefix: [UInt8], at offset: Int = 0) -> Bool {
            bytes.count >= offset + prefix.count && Array(bytes[offset..<offset + prefix.count]) == prefix
        }
        if starts([0xFF, 0xD8, 0xFF]) { return .jpeg }
        if starts([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) { return .png }
        if starts(Array("GIF87a".utf8)) || starts(Array("GIF89a".utf8)) { return .gif }
        if starts(Array("RIFF".utf8)), starts(Array("WEBP".utf8), at: 8) { return .webp }
        return nil
    }

    public var mimeType: String { "image/\(rawValue)" }
    public var fileExtension: String { rawValue == "jpeg" ? "jpg" : rawValue }

    public init?(fileExtension: String) {
        switch fileExtension.lowercased() {
        case "jpg", "jpeg": self = .jpeg
        case "png": self = .png
        case "gif": self = .gif
        case "webp": self = .webp
        default: return nil
        }
    }
}

/// Removes metadata that can reveal where and how a photo was taken.
public enum ImageMetadata {
    /// A JPEG without its APPn segments other than APP0 (JFIF) and APP2 (ICC colour), and without comments:
    /// EXIF (with GPS location) lives in APP1. Returns the input when the structure is not understood.
    public static func strippingJPEG(_ bytes: [UInt8]) -> [UInt8] {
        guard bytes.count > 4, bytes[0] == 0xFF, bytes[1] == 0xD8 else { return bytes }
        var out: [UInt8] = [0xFF, 0xD8]
        var i = 2
        while i + 4 <= bytes.count, bytes[i] == 0xFF {
            let marker = bytes[i + 1]
            if marker == 0xDA { break } // start of scan: the rest is image data
            let length = Int(bytes[i + 2]) << 8 | Int(bytes[i + 3])
            guard length >= 2, i + 2 + length <= bytes.count else { return bytes }
            let isDroppable = (marker >= 0xE1 && marker <= 0xEF && marker != 0xE2) || marker == 0xFE
            if !isDroppable { out += bytes[i..<i + 2 + length] }
            i += 2 + length
        }
        out += bytes[i...]
        return out
    }
}

/// Where uploaded files live (a folder in the data directory today; object storage could come later).
public protocol FileStore: Sendable {
    func save(_ bytes: [UInt8], as name: String) throws
    func load(_ name: String) throws -> [UInt8]?
    func delete(_ name: String) throws
}
