extension String {
    /// The string with `& < > " '` replaced by entities: safe in HTML text and quoted attributes.
    /// Works on UTF-8 bytes (those five are ASCII, and never part of a multi-byte character).
    public var htmlEscaped: String {
        guard utf8.contains(where: { $0 == 0x26 || $0 == 0x3C || $0 == 0x3E || $0 == 0x22 || $0 == 0x27 }) else { return self }
        var out: [UInt8] = []
        out.reserveCapacity(utf8.count + 16)
        for byte in utf8 {
            switch byte {
            case 0x26: out += [0x26, 0x61, 0x6D, 0x70, 0x3B] // &amp;
            case 0x3C: out += [0x26, 0x6C, 0x74, 0x3B] // &lt;
            case 0x3E: out += [0x26, 0x67, 0x74, 0x3B] // &gt;
            case 0x22: out += [0x26, 0x71, 0x75, 0x6F, 0x74, 0x3B] // &quot;
            case 0x27: out += [0x26, 0x23, 0x33, 0x39, 0x3B] // &#39;
            default: out.append(byte)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
