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

/// Where uploaded files live: a folder in the data directory on SQLite, a table on PostgreSQL (so that
/// every node serves every upload). Names are made by Starling, never by users.
public protocol FileStore: Sendable {
    func save(_ bytes: [UInt8], as name: String) async throws
    func load(_ name: String) async throws -> [UInt8]?
    func delete(_ name: String) async throws
}

extension ImageFormat {
    /// Width and height read from the image's header, or nil when the header is not understood.
    public static func dimensions(of bytes: [UInt8], format: ImageFormat) -> (width: Int, height: Int)? {
        func be16(_ i: Int) -> Int { Int(bytes[i]) << 8 | Int(bytes[i + 1]) }
        func be32(_ i: Int) -> Int { be16(i) << 16 | be16(i + 2) }
        func le16(_ i: Int) -> Int { Int(bytes[i]) | Int(bytes[i + 1]) << 8 }
        func le24(_ i: Int) -> Int { le16(i) | Int(bytes[i + 2]) << 16 }
        switch format {
        case .png:
            guard bytes.count >= 24 else { return nil }
            return (be32(16), be32(20))
        case .gif:
            guard bytes.count >= 10 else { return nil }
            return (le16(6), le16(8))
        case .webp:
            guard bytes.count >= 30 else { return nil }
            switch String(decoding: bytes[12..<16], as: UTF8.self) {
            case "VP8 ": return (le16(26) & 0x3FFF, le16(28) & 0x3FFF)
            case "VP8L":
                let bits = le16(21) | le16(23) << 16
                return ((bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1)
            case "VP8X": return (le24(24) + 1, le24(27) + 1)
            default: return nil
            }
        case .jpeg:
            // Walk the segments to the first start-of-frame marker (SOF0...SOF15, except DHT, JPG and DAC).
            var i = 2
            while i + 9 < bytes.count, bytes[i] == 0xFF {
                let marker = bytes[i + 1]
                if marker >= 0xC0, marker <= 0xCF, ![0xC4, 0xC8, 0xCC].contains(marker) { return (be16(i + 7), be16(i + 5)) }
                i += 2 + be16(i + 2)
            }
            return nil
        }
    }
}
