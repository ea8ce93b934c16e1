import Foundation
import StarlingCore

/// Status payloads and WebSocket frames written once for every stream that sends the same thing:
/// the many viewers of one chat's hashtag mostly see identical entries (the same post, with the same
/// per-viewer flags), so each is turned into JSON once rather than once per viewer. The key is the
/// whole entry as the viewer sees it, so a viewer whose view differs (their like, an anonymous
/// author shown to themselves) gets their own rendering. One per application.
final class StreamRenderings: Sendable {
    struct Key: Hashable, Sendable {
        var event: String
        var entry: TimelineEntry
    }

    private struct FrameKey: Hashable, Sendable {
        var stream: [String]
        var key: Key
    }

    private let payloads = RecentlyUsedCache<Key, String>(capacity: 256)
    private let frames = RecentlyUsedCache<FrameKey, String>(capacity: 256)

    /// The payload of an event about `entry`, rendered by `render` the first time.
    func payload(_ key: Key, render: () -> String) -> String {
        if let payload = payloads[key] { return payload }
        let payload = render()
        payloads[key] = payload
        return payload
    }

    /// The WebSocket text frame for a message on a stream, written by `write` the first time.
    func frame(stream: [String], key: Key, write: () -> String) -> String {
        let frameKey = FrameKey(stream: stream, key: key)
        if let frame = frames[frameKey] { return frame }
        let frame = write()
        frames[frameKey] = frame
        return frame
    }
}
