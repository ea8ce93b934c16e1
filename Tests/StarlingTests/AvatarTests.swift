import Foundation
import Testing
@testable import StarlingCore
@testable import StarlingWeb

@Suite("Avatars and uploads")
struct AvatarTests {
    /// The smallest valid PNG header followed by filler: enough to be recognized by its bytes.
    static let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + Array(repeating: 0, count: 32)

    /// A JPEG with an EXIF (APP1) segment holding a fake GPS tag, then image data.
    static let jpegWithEXIF: [UInt8] = [0xFF, 0xD8,
        0xFF, 0xE0, 0x00, 0x04, 0x4A, 0x46, // APP0 (JFIF), kept
        0xFF, 0xE1, 0x00, 0x08] + Array("GPS!Exi".utf8).prefix(6) + [ // APP1 (EXIF), removed
        0xFF, 0xDA, 0x00, 0x02, 0x11, 0x22, 0xFF, 0xD9]

    @Test("image formats are recognized by their bytes, not their names")
    func detection() {
        #expect(ImageFormat.detect(Self.png) == .png)
        #expect(ImageFormat.detect(Self.jpegWithEXIF) == .jpeg)
        #expect(ImageFormat.detect(Array("GIF89a....".utf8)) == .gif)
        #expect(ImageFormat.detect(Array("RIFF\0\0\0\0WEBPVP8 ".utf8)) == .webp)
        #expect(ImageFormat.detect(Array("<svg onload=alert(1)>".utf8)) == nil)
    }

    @Test("EXIF, where GPS location lives, is removed from JPEGs")
    func jpegMetadataStripped() {
        let cleaned = ImageMetadata.strippingJPEG(Self.jpegWithEXIF)
        #expect(cleaned.firstRange(of: Array("GPS".utf8), from: 0) == nil)
        #expect(Array(cleaned.prefix(8)) == [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x04, 0x4A, 0x46])
        #expect(Array(cleaned.suffix(2)) == [0xFF, 0xD9])
    }

    @Test("an uploaded avatar is stored, served and replaces the generated one")
    func uploadThroughTheWeb() async throws {
        let world = try await TestWorld()
        try await world.member("ada")
        try await withSignedInBrowser(world, as: "ada") { (browser, server) async throws in
            let csrf = await browser.csrf
            let upload = try await browser.postMultipart("/settings/avatar", fields: [("_csrf", csrf)],
                                                         file: ("avatar", "me.txt", Self.png))
            #expect(upload.status == 303)
            let account = try #require(try await world.store.account(username: "ada"))
            let path = try #require(account.avatarPath)
            let served = try await browser.get("/media/\(path)")
            #expect(served.status == 200)
            #expect(served.header("content-type") == "image/png")
            #expect(try await browser.get("/@ada").body.contains("/media/\(path)"))
        }
    }

    @Test("a file that is not an image is refused with a message, and nothing changes")
    func rejectsNonImages() async throws {
        let world = try await TestWorld()
        try await world.member("ada")
        try await withSignedInBrowser(world, as: "ada") { (browser, server) async throws in
            let csrf = await browser.csrf
            let page = try await browser.postMultipart("/settings/avatar", fields: [("_csrf", csrf)],
                                                       file: ("avatar", "cat.png", Array("<script>alert(1)</script>".utf8)))
            #expect(page.status == 422)
            #expect(page.body.contains("Upload a JPEG, PNG, GIF or WebP image."))
        }
        #expect(try await world.store.account(username: "ada")?.avatarPath == nil)
    }
}
