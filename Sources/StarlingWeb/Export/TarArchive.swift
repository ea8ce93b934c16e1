import Foundation

/// Files in a POSIX ustar archive (what `tar -xf` reads), built in memory.
struct TarArchive {
    private(set) var bytes: [UInt8] = []

    /// Adds a regular file. Names are kept under 100 bytes (longer ones are cut, keeping the extension).
    mutating func add(_ name: String, _ contents: [UInt8], modified: Date) {
        var header = [UInt8](repeating: 0, count: 512)
        func put(_ text: String, at offset: Int, length: Int) {
            for (index, byte) in text.utf8.prefix(length).enumerated() { header[offset + index] = byte }
        }
        func octal(_ value: Int, length: Int) -> String {
            let digits = String(value, radix: 8)
            return String(repeating: "0", count: max(0, length - 1 - digits.count)) + digits
        }
        put(Self.fit(name), at: 0, length: 100)
        put(octal(0o644, length: 8), at: 100, length: 7)
        put(octal(0, length: 8), at: 108, length: 7)
        put(octal(0, length: 8), at: 116, length: 7)
        put(octal(contents.count, length: 12), at: 124, length: 11)
        put(octal(Int(modified.timeIntervalSince1970), length: 12), at: 136, length: 11)
        put("        ", at: 148, length: 8) // the checksum counts its own field as spaces
        header[156] = UInt8(ascii: "0")
        put("ustar", at: 257, length: 6)
        put("00", at: 263, length: 2)
        put("starling", at: 265, length: 32)
        put("starling", at: 297, length: 32)
        let checksum = header.reduce(0) { $0 + Int($1) }
        put(octal(checksum, length: 7), at: 148, length: 6)
        header[154] = 0
        header[155] = UInt8(ascii: " ")
        bytes += header
        bytes += contents
        bytes += [UInt8](repeating: 0, count: (512 - contents.count % 512) % 512)
    }

    /// The archive with its closing blocks.
    var finished: [UInt8] { bytes + [UInt8](repeating: 0, count: 1024) }

    private static func fit(_ name: String) -> String {
        guard name.utf8.count > 99 else { return name }
        let ext = (name as NSString).pathExtension
        var stem = (name as NSString).deletingPathExtension
        while stem.utf8.count + ext.utf8.count + 1 > 99 { stem.removeLast() }
        return ext.isEmpty ? stem : stem + "." + ext
    }
}
