import Foundation
import Testing
@testable import StarlingCore

/// How-to guides: ordered photo steps with captions, as one post every client can read.
@Suite("How-to guides")
struct GuideTests {
    /// A program (fay facilitates) with lea as a member, and `outsider` outside it.
    private func world(_ visibility: Program.Visibility = .open) async throws -> (TestWorld, Program, fay: Account, lea: Account, outsider: Account) {
        let world = try await TestWorld()
        let fay = try await world.member("fay", role: .admin), lea = try await world.member("lea"), outsider = try await world.member("outsider")
        let program = try await world.starling.programs.create(.init(title: "Workshop", hashtag: "workshop", visibility: visibility.rawValue), by: fay)
        _ = try await world.starling.programs.setMember(program.id, account: lea, role: .learner, by: fay)
        _ = try await world.starling.programs.join(program.id, by: lea, agreementVersion: 1)
        return (world, program, fay, lea, outsider)
    }

    /// Uploads one photo per alt text, in order.
    private func photos(_ world: TestWorld, _ alts: [String], by owner: Account) async throws -> [ID] {
        try await alts.enumerated().asyncMap { index, alt in
            try await world.starling.media.upload(MediaAPITests.png(width: 100 + UInt32(index), height: 80), description: alt, focus: nil, by: owner).id
        }
    }

    @Test("a guide is one post: title and numbered captions as its text, a photo per step in order, in the program's stream")
    func publish() async throws {
        let (world, program, _, lea, _) = try await world()
        let media = try await photos(world, ["Printer front panel", "Paper tray open", "Green light on"], by: lea)
        let captions = ["Press the power button.", "Load paper in the tray.", "Wait for the green light."]
        let post = try await world.starling.guides.create(title: "Using the 3rd floor printer",
                                                    steps: zip(media, captions).map { .init(mediaID: $0, caption: $1) }, programID: program.id, by: lea)
        #expect(post.guide == Guide(title: "Using the 3rd floor printer", captions: captions))
        #expect(post.programID == program.id)
        let view = try await world.starling.reads.post(post.id, viewer: lea)
        #expect(view.media.map(\.id) == media)
        #expect(view.post.source == "Using the 3rd floor printer\n\n1. Press the power button.\n2. Load paper in the tray.\n3. Wait for the green light.\n\n#workshop")
        #expect(try await world.timelineIDs(.guides(program: program.id, author: nil), for: lea) == [post.id])
        #expect(try await world.timelineIDs(.guides(program: nil, author: lea.id), for: lea) == [post.id])
        #expect(try await world.timelineIDs(.program(program.id), for: lea).contains(post.id))
    }

    @Test("a guide needs a title and 1 to 10 steps, each with the author's own photo and a caption; its text is not edited as a post")
    func rules() async throws {
        let (world, program, fay, lea, _) = try await world()
        let guides = world.starling.guides
        let one = try await photos(world, ["a"], by: lea)
        await #expect(throws: DomainError.self) { try await guides.create(title: "", steps: [.init(mediaID: one[0], caption: "Do it")], programID: nil, by: lea) }
        await #expect(throws: DomainError.self) { try await guides.create(title: "Empty", steps: [], programID: nil, by: lea) }
        await #expect(throws: DomainError.self) { try await guides.create(title: "No caption", steps: [.init(mediaID: one[0], caption: " ")], programID: nil, by: lea) }
        let eleven = try await photos(world, (1...11).map { "step \($0)" }, by: lea)
        await #expect(throws: DomainError.self) {
            try await guides.create(title: "Too long", steps: eleven.map { .init(mediaID: $0, caption: "Next") }, programID: nil, by: lea)
        }
        let faysPhoto = try await photos(world, ["not lea's"], by: fay)
        await #expect(throws: DomainError.self) {
            try await guides.create(title: "Borrowed", steps: [.init(mediaID: faysPhoto[0], caption: "Mine?")], programID: nil, by: lea)
        }
        let ten = try await guides.create(title: "Ten steps", steps: eleven.prefix(10).map { .init(mediaID: $0, caption: String(repeating: "x", count: 300)) },
                                    programID: program.id, by: lea)
        #expect(ten.guide?.captions.count == 10) // longer than a post may be: a guide's text is its steps
        await #expect(throws: DomainError.self) { try await world.starling.posts.edit(ten.id, text: "Changed", contentWarning: "", by: lea) }
    }

    @Test("a private program's guide is for its members only")
    func privacy() async throws {
        let (world, program, _, lea, outsider) = try await world(.private)
        let media = try await photos(world, ["a"], by: lea)
        let post = try await world.starling.guides.create(title: "Inside", steps: [.init(mediaID: media[0], caption: "Step")], programID: program.id, by: lea)
        await #expect(throws: DomainError.notFound) { try await world.starling.reads.post(post.id, viewer: outsider) }
        #expect(try await world.timelineIDs(.guides(program: nil, author: lea.id), for: outsider).isEmpty)
    }

    @Test("through the APIs: the own API writes and reads a guide; Mastodon apps see its photos in order and its captions in the text")
    func api() async throws {
        let (world, program, _, lea, outsider) = try await world(.private)
        let media = try await photos(world, ["Badge reader", "Door handle"], by: lea)
        try await withLiveServer(world) { server in
            let token = try await MastodonAPITests.token(server, "lea"), outsiderToken = try await MastodonAPITests.token(server, "outsider")
            let mismatched = try await server.api("POST", "/api/starling/v1/guides", token: token,
                                                  json: #"{"title": "Doors", "media_ids": ["\#(media[0])", "\#(media[1])"], "captions": ["Badge in."]}"#)
            #expect(mismatched.status == 422 && mismatched.string("error_description") == "captions")
            let made = try await server.api("POST", "/api/starling/v1/guides", token: token, json: """
                {"title": "Opening the lab door", "program_id": "\(program.id)", "media_ids": ["\(media[1])", "\(media[0])"],
                 "captions": ["Hold the handle.", "Badge in at the reader."]}
                """)
            #expect(made.status == 201)
            let id = made.string("id")
            let steps = try #require(made.json["steps"] as? [[String: Any]])
            #expect(steps.map { $0["caption"] as? String } == ["Hold the handle.", "Badge in at the reader."])
            #expect(steps.map { ($0["media"] as? [String: Any])?["id"] as? String } == [media[1].description, media[0].description])
            let status = try await server.api("GET", "/api/v1/statuses/\(id)", token: token)
            let attachments = try #require(status.json["media_attachments"] as? [[String: Any]])
            #expect(attachments.map { $0["description"] as? String } == ["Door handle", "Badge reader"])
            let content = status.string("content")
            let first = try #require(content.range(of: "Hold the handle.")), second = try #require(content.range(of: "Badge in at the reader."))
            #expect(first.lowerBound < second.lowerBound)
            #expect(try await server.api("GET", "/api/starling/v1/guides/\(id)", token: token).string("title") == "Opening the lab door")
            #expect(try await server.api("GET", "/api/starling/v1/programs/\(program.id)/guides", token: token).array.count == 1)
            #expect(try await server.api("GET", "/api/starling/v1/guides/\(id)", token: outsiderToken).status == 404)
            let plain = try await world.post("Not a guide", by: outsider)
            #expect(try await server.api("GET", "/api/starling/v1/guides/\(plain.id)", token: outsiderToken).status == 404)
        }
    }

    @Test("in the browser: a member writes a guide from the program's Guides tab; it shows step by step, on the author's guides page, and saves into the knowledge base")
    func web() async throws {
        let (world, program, fay, _, _) = try await world()
        try await withLiveServer(world) { server in
            let lea = server.browser()
            try await lea.signIn("lea")
            let form = try await lea.get("/programs/\(program.id)/guides")
            #expect(form.body.contains("Write a how-to guide"))
            let fields = [("_csrf", await lea.csrf), ("title", "Making good coffee"),
                          ("step1_alt", "Beans on a scale"), ("step1_caption", "Weigh 18 g of beans."),
                          ("step2_alt", "Grinder dial at 12"), ("step2_caption", "Grind them fine.")]
            let made = try await lea.postMultipart("/programs/\(program.id)/guides", fields: fields, files: [
                ("step1_photo", "beans.png", MediaAPITests.png(width: 64, height: 48)), ("step2_photo", "grind.png", MediaAPITests.png(width: 64, height: 48)),
            ])
            #expect(made.status == 303)
            let path = try #require(made.location)
            let page = try await lea.get(path)
            #expect(page.body.contains("Making good coffee") && page.body.contains("alt=\"Beans on a scale\""))
            let step1 = try #require(page.body.range(of: "<strong>Step 1.</strong> Weigh 18 g of beans."))
            let step2 = try #require(page.body.range(of: "<strong>Step 2.</strong> Grind them fine."))
            #expect(step1.lowerBound < step2.lowerBound)
            #expect(try await lea.get("/@lea/guides").body.contains("Making good coffee"))
            #expect(try await lea.get("/programs/\(program.id)/guides").body.contains("Grind them fine."))
            let missingPhoto = try await lea.postMultipart("/programs/\(program.id)/guides", fields: [
                ("_csrf", await lea.csrf), ("title", "Half a guide"), ("step1_caption", "No photo here")], files: [])
            #expect(missingPhoto.status == 422 && missingPhoto.body.contains("Step 1 needs a photo."))
            #expect(missingPhoto.body.contains("value=\"Half a guide\"") && missingPhoto.body.contains("value=\"No photo here\""))
            #expect(missingPhoto.body.contains("aria-describedby=\"step1_photo-error\""))
            let id = try #require(path.split(separator: "/").last.flatMap { ID(String($0)) })
            let saved = try await world.starling.knowledge.promote(id, by: fay)
            #expect(saved.title == "Making good coffee" && saved.body.contains("![Beans on a scale](/media/"))
            let facilitator = server.browser()
            try await facilitator.signIn("fay")
            #expect(try await facilitator.get("/knowledge/\(saved.id)").body.contains("alt=\"Grinder dial at 12\""))
        }
    }
}
