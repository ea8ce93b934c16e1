import Foundation

/// What uploaded media need from persistence: attachments, and uploads never attached.
public protocol MediaStore: Sendable {
    func insertMedia(_ media: MediaAttachment) async throws
    func media(id: ID) async throws -> MediaAttachment?
    /// Saves a changed description and focus point.
    func updateMedia(_ media: MediaAttachment) async throws
    /// The file names of a post's attachments (to delete the files with the post).
    func mediaFileNames(postID: ID) async throws -> [String]
    /// Uploads never attached to a post, made before `date`, oldest first.
    func unattachedMedia(before date: Date, limit: Int) async throws -> [MediaAttachment]
    /// Deletes an upload that is still unattached (an attached one stays); true when it was deleted.
    func deleteUnattachedMedia(id: ID) async throws -> Bool
}
