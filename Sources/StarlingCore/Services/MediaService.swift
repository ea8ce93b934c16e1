import Foundation

/// Uploading images for posts: checked by their bytes, stripped of location metadata, stored
/// under an unguessable name, described with alt text, then attached when a post is composed.
public struct MediaService: Sendable {
    /// The largest image accepted, in bytes.
    public static let maxBytes = 8 * 1024 * 1024
    public static let maxDescriptionLength = 1500
    /// The most images one post carries.
    public static let maxPerPost = 4

    let store: any Store
    let files: any FileStore
    let ids: IDGenerator

    public init(store: any Store, files: any FileStore, ids: IDGenerator) {
        self.store = store
        self.files = files
        self.ids = ids
    }

    /// Stores an image for `owner` to attach to a post later.
    public func upload(_ bytes: [UInt8], description: String?, focus: String?, by owner: Account, at now: Date = Date()) async throws -> MediaAttachment {
        guard !bytes.isEmpty else { throw DomainError.invalid(field: "file", message: "file is required: upload an image.") }
        guard bytes.count <= Self.maxBytes else {
            throw DomainError.tooLarge("An image is at most \(Self.maxBytes / 1024 / 1024) MB.")
        }
        guard let format = ImageFormat.detect(bytes) else {
            throw DomainError.invalid(field: "file", message: "file must be a JPEG, PNG, GIF or WebP image.")
        }
        guard let size = ImageFormat.dimensions(of: bytes, format: format), size.width > 0, size.height > 0 else {
            throw DomainError.invalid(field: "file", message: "file is not a readable \(format.rawValue.uppercased()) image.")
        }
        let cleaned = format == .jpeg ? ImageMetadata.strippingJPEG(bytes) : bytes
        let (focusX, focusY) = try Self.focus(focus)
        let id = ids.next(at: now)
        var media = MediaAttachment(id: id, accountID: owner.id, fileName: "attachments/\(id)-\(Token.random(bytes: 12)).\(format.fileExtension)",
                                    format: format, width: size.width, height: size.height, byteCount: cleaned.count,
                                    focusX: focusX, focusY: focusY, createdAt: now)
        media.description = try Self.description(description)
        try await files.save(cleaned, as: media.fileName)
        do {
            try await store.insertMedia(media)
        } catch {
            try? await files.delete(media.fileName)
            throw error
        }
        return media
    }

    /// The owner's upload; anyone else gets not found.
    public func media(_ id: ID, owner: Account) async throws -> MediaAttachment {
        guard let media = try await store.media(id: id), media.accountID == owner.id else { throw DomainError.notFound }
        return media
    }

    /// Changes the alt text or focus point of the owner's upload.
    public func update(_ id: ID, description: String?, focus: String?, by owner: Account) async throws -> MediaAttachment {
        var media = try await media(id, owner: owner)
        if let description { media.description = try Self.description(description) }
        if let focus { (media.focusX, media.focusY) = try Self.focus(focus) }
        try await store.updateMedia(media)
        return media
    }

    /// How long an upload may wait to be attached before it is deleted.
    public static let unattachedLifetime: TimeInterval = 24 * 3600

    /// Deletes uploads (rows, then files) that were never attached to a post within a day: images
    /// chosen for a post that was then abandoned or refused. Returns how many were deleted.
    @discardableResult
    public func removeAbandonedUploads(now: Date = Date()) async throws -> Int {
        var removed = 0
        while true {
            let batch = try await store.unattachedMedia(before: now.addingTimeInterval(-Self.unattachedLifetime), limit: 200)
            for media in batch where try await store.deleteUnattachedMedia(id: media.id) {
                try? await files.delete(media.fileName)
                removed += 1
            }
            if batch.count < 200 { return removed }
        }
    }

    private static func description(_ text: String?) throws -> String {
        try PostText.field(text ?? "", name: "description", maxLength: maxDescriptionLength, required: false)
    }

    /// "x,y" with both between -1 and 1 (Mastodon's focal point); nil means the centre.
    private static func focus(_ text: String?) throws -> (Double, Double) {
        guard let text, !text.isEmpty else { return (0, 0) }
        let parts = text.split(separator: ",").map { Double($0.trimmingCharacters(in: .whitespaces)) }
        guard parts.count == 2, let x = parts[0], let y = parts[1], (-1...1).contains(x), (-1...1).contains(y) else {
            throw DomainError.invalid(field: "focus", message: "focus must be two numbers from -1 to 1, like 0.5,-0.25.")
        }
        return (x, y)
    }
}
