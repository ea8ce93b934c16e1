import Foundation

/// A how-to guide: a post made of ordered steps, each a photo (the post's attachment at the same
/// position, whose description is its alt text) with a caption.
///
/// It is published as an ordinary post whose text is the title followed by the numbered captions,
/// so Mastodon apps show it as a status with its images in order and the captions in its text.
public struct Guide: Sendable, Hashable, Codable {
    public static let maxSteps = 10
    public static let maxTitleLength = 120
    public static let maxCaptionLength = 300

    public var title: String
    /// One caption per step, in order.
    public var captions: [String]

    public init(title: String, captions: [String]) {
        self.title = title
        self.captions = captions
    }

    /// The post text: the title, the numbered captions, then `hashtag` (a program's) if given.
    public func text(hashtag: String?) -> String {
        let steps = captions.enumerated().map { "\($0.offset + 1). \($0.element)" }.joined(separator: "\n")
        return title + "\n\n" + steps + (hashtag.map { "\n\n#" + $0 } ?? "")
    }

    /// The longest text a guide's post can have: every part at its longest, and a hashtag.
    static let maxTextLength = maxTitleLength + maxSteps * (maxCaptionLength + 5) + Tag.maxLength + 4
}
