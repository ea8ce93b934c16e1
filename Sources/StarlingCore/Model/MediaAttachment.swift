import Foundation

/// An uploaded image: made unattached, then attached to one post by its author.
public struct MediaAttachment: Sendable, Hashable, Identifiable {
    public var id: ID
    public var accountID: ID
    public var postID: ID?
    /// The file's name in the file store (unguessable: it carries a random part).
    public var fileName: String
    public var format: ImageFormat
    public var width: Int
    public var height: Int
    public var byteCount: Int
    /// Alt text for people who cannot see the image.
    public var description: String
    /// The point to keep in view when cropping, from -1 (left, bottom) to 1 (right, top).
    public var focusX: Double
    public var focusY: Double
    public var createdAt: Date

    public init(id: ID, accountID: ID, postID: ID? = nil, fileName: String, format: ImageFormat, width: Int, height: Int,
                byteCount: Int, description: String = "", focusX: Double = 0, focusY: Double = 0, createdAt: Date) {
        self.id = id
        self.accountID = accountID
        self.postID = postID
        self.fileName = fileName
        self.format = format
        self.width = width
        self.height = height
        self.byteCount = byteCount
        self.description = description
        self.focusX = focusX
        self.focusY = focusY
        self.createdAt = createdAt
    }
}
