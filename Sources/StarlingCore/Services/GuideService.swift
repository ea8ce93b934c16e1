import Foundation

/// How-to guides: step-by-step photo instructions, published as one post (see `Guide`).
public struct GuideService: Sendable {
    let posts: PostService
    let programs: ProgramService

    public init(posts: PostService, programs: ProgramService) {
        self.posts = posts
        self.programs = programs
    }

    /// One step as its author gives it: an uploaded photo (whose description is the alt text) and a caption.
    public struct Step: Sendable {
        public var mediaID: ID
        public var caption: String

        public init(mediaID: ID, caption: String) {
            self.mediaID = mediaID
            self.caption = caption
        }
    }

    /// Publishes a guide, in a program when `programID` is given (its hashtag is added to the text).
    public func create(title: String, steps: [Step], programID: ID?, visibility: Visibility = .organization, by author: Account,
                       at now: Date = Date()) async throws -> Post {
        // Title and captions are one line each: the post text puts each on its own line.
        let title = try PostText.field(title, name: "title", maxLength: Guide.maxTitleLength, required: true).replacingOccurrences(of: "\n", with: " ")
        guard (1...Guide.maxSteps).contains(steps.count) else {
            throw DomainError.invalid(field: "steps", message: "A guide has from 1 to \(Guide.maxSteps) steps.")
        }
        let captions = try steps.enumerated().map { index, step in
            try PostText.field(step.caption, name: "steps[\(index)].caption", maxLength: Guide.maxCaptionLength, required: true)
                .replacingOccurrences(of: "\n", with: " ")
        }
        let hashtag = try await programID.asyncMap { try await programs.program($0, viewer: author).hashtag }
        let guide = Guide(title: title, captions: captions)
        return try await posts.compose(.init(text: guide.text(hashtag: hashtag), visibility: visibility, mediaIDs: steps.map(\.mediaID), guide: guide),
                                 by: author, at: now)
    }
}
