import Foundation

/// What uploaded media need from persistence: attachments, and uploads never attached.
public protocol MediaStore: Sendable {
    func insertMedia(_ media: MediaAttachment) throws
    func media(id: ID) throws -> MediaAttachment?
    /// Saves a changed description and focus point.
    func updateMedia(_ media: MediaAttachment) throws
    /// The file names of a post's attachments (to delete the files with the post).
    func mediaFileNames(postID: ID) throws -> [String]
    /// Uploads never attached to a post, made before `date`, oldest first.
    func unattachedMedia(before date: Date, limit: Int) throws -> [MediaAttachment]
    /// Deletes an upload that is still unattached (an attached one stays); true when it was deleted.
    func deleteUnattachedMedia(id: ID) throws -> Bool
}
