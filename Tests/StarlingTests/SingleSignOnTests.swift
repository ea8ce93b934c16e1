import Foundation
import Testing
@testable import StarlingCore
@testable import StarlingSSO
import StarlingWeb

/// A person as a provider vouches for them, for tests of what single sign-on does with it.
private func identity(_ subject: String = "sub-ada", email: String? = "ada@example.org", verified: Bool = true,
                      username: String? = "ada", groups: [String] = []) -> ExternalIdentity {
    ExternalIdentity(method: .oidc, issuer: "https://login.example.org", subject: subject, email: email, emailVerified: verified,
                     preferredUsername: username, displayName: "Ada Okafor", groups: groups)
}

private func auditActions(_ world: TestWorld, for account: ID) async throws -> [AuditEntry.Action] {
    try await world.store.auditLog(page: PageRequest(limit: 100)).filter { $0.targetAccountID == account }.map(\.action)
}

@Suite("Single sign-on: accounts, roles and passwords")
struct SingleSignOnAccountTests {
    @Test("the first sign-in creates an account without a password; later ones find it by the provider's id")
    func firstSignInCreatesTheAccount() async throws {
        let world = try await TestWorld()
        try await world.member("ada") // the username is taken: the new account gets a number
        let (created, token) = try await world.starling.singleSignOn.signIn(identity(email: "ada.okafor@example.org"))
        #expect(created.username == "ada2" && created.displayName == "Ada Okafor" && created.email == "ada.okafor@example.org")
        #expect(try await world.starling.accounts.account(sessionToken: token)?.id == created.id)
        let (again, _) = try await world.starling.singleSignOn.signIn(identity(email: "changed@example.org", username: "someone"))
        #expect(again.id == created.id)
        #expect(try await auditActions(world, for: created.id) == [.provisionAccount])
    }

    @Test("an existing account with the same email is not taken over unless admins allowed it and the email is verified")
    func existingEmailIsNotTakenOver() async throws {
        let world = try await TestWorld()
        let ada = try await world.member("ada")
        await #expect(throws: DomainError.self) { try await world.starling.singleSignOn.signIn(identity()) }
        #expect(try await auditActions(world, for: ada.id) == [.signInRefused])

        let linking = try await TestWorld(signInPolicy: SignInPolicy(linksByVerifiedEmail: true))
        let ben = try await linking.member("ben")
        await #expect(throws: DomainError.self) { try await linking.starling.singleSignOn.signIn(identity(email: "ben@example.org", verified: false)) }
        let (linked, _) = try await linking.starling.singleSignOn.signIn(identity(email: "BEN@example.org"))
        #expect(linked.id == ben.id)
        #expect(try await auditActions(linking, for: ben.id) == [.linkIdentity, .signInRefused])
    }

    @Test("roles follow the provider's groups at every sign-in, recorded in the audit log")
    func rolesFollowGroups() async throws {
        let world = try await TestWorld(signInPolicy: SignInPolicy(adminGroups: ["starling-admins"], moderatorGroups: ["moderators"]))
        let (first, _) = try await world.starling.singleSignOn.signIn(identity(groups: ["staff", "moderators"]))
        #expect(first.role == .moderator)
        let (promoted, _) = try await world.starling.singleSignOn.signIn(identity(groups: ["moderators", "starling-admins"]))
        #expect(promoted.role == .admin)
        let (demoted, _) = try await world.starling.singleSignOn.signIn(identity(groups: []))
        #expect(demoted.role == .member)
        #expect(try await world.store.account(id: first.id)?.role == .member)
        #expect(try await auditActions(world, for: first.id).filter { $0 == .changeRole }.count == 2)
    }

    @Test("a deactivated account cannot sign in through the provider, and the refusal is audited")
    func deactivatedAccountIsRefused() async throws {
        let world = try await TestWorld()
        let admin = try await world.member("root", role: .admin)
        let (ada, _) = try await world.starling.singleSignOn.signIn(identity())
        try await world.starling.provisioning.setActive(ada, false, by: admin)
        await #expect(throws: DomainError.forbidden("This account was deactivated when its owner left the organization. Ask an admin if that is wrong.")) {
            try await world.starling.singleSignOn.signIn(identity())
        }
        #expect(try await auditActions(world, for: ada.id).contains(.signInRefused))
    }

    @Test("an account made by single sign-on has no password: the sign-in form and the password grant say so")
    func singleSignOnAccountHasNoPassword() async throws {
        let world = try await TestWorld()
        let (ada, _) = try await world.starling.singleSignOn.signIn(identity())
        let refusal = DomainError.forbidden("@ada signs in through the organization's single sign-on, not with a password here.")
        await #expect(throws: refusal) { try await world.starling.accounts.signIn(login: ada.username, password: "") }
        await #expect(throws: refusal) { try await world.starling.accounts.signIn(login: "ada@example.org", password: "anything at all") }
        let app = try await world.starling.oauth.registerApp(name: "Phone", redirectURIs: OAuthService.outOfBand, scopes: "read write", website: nil)
        try await world.starling.oauth.setPasswordGrant(true, by: try world.member("root", role: .admin))
        await #expect(throws: OAuthService.InvalidGrant(reason: refusal.message)) {
            try await world.starling.oauth.grantPassword(app: app.0, login: "ada", password: "guess-guess", scope: nil)
        }
    }

    @Test("with local passwords off, only break-glass admins and guests sign in with a password")
    func localPasswordsOff() async throws {
        let world = try await TestWorld(signInPolicy: SignInPolicy(localPasswords: false, breakGlassAdmins: ["Root"]))
        let root = try await world.member("root", role: .admin)
        try await world.member("otheradmin", role: .admin)
        try await world.member("ben")
        let program = try await world.starling.programs.create(.init(title: "Onboarding", hashtag: "#onboarding", visibility: "private"), by: root)
        _ = try await world.guest("expert", invitedTo: program.id, by: root)
        #expect(try await world.starling.accounts.signIn(login: "root", password: "password1").0.id == root.id)
        #expect(try await world.starling.accounts.signIn(login: "expert", password: "password1").0.username == "expert")
        for username in ["ben", "otheradmin"] {
            await #expect(throws: DomainError.forbidden("@\(username) signs in through the organization's single sign-on, not with a password here.")) {
                try await world.starling.accounts.signIn(login: username, password: "password1")
            }
        }
    }
}
