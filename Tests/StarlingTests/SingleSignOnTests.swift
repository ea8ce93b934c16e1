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

private func auditActions(_ world: TestWorld, for account: ID) throws -> [AuditEntry.Action] {
    try world.store.auditLog(page: PageRequest(limit: 100)).filter { $0.targetAccountID == account }.map(\.action)
}

@Suite("Single sign-on: accounts, roles and passwords")
struct SingleSignOnAccountTests {
    @Test("the first sign-in creates an account without a password; later ones find it by the provider's id")
    func firstSignInCreatesTheAccount() throws {
        let world = try TestWorld()
        try world.member("ada") // the username is taken: the new account gets a number
        let (created, token) = try world.starling.singleSignOn.signIn(identity(email: "ada.okafor@example.org"))
        #expect(created.username == "ada2" && created.displayName == "Ada Okafor" && created.email == "ada.okafor@example.org")
        #expect(try world.starling.accounts.account(sessionToken: token)?.id == created.id)
        let (again, _) = try world.starling.singleSignOn.signIn(identity(email: "changed@example.org", username: "someone"))
        #expect(again.id == created.id)
        #expect(try auditActions(world, for: created.id) == [.provisionAccount])
    }

    @Test("an existing account with the same email is not taken over unless admins allowed it and the email is verified")
    func existingEmailIsNotTakenOver() throws {
        let world = try TestWorld()
        let ada = try world.member("ada")
        #expect(throws: DomainError.self) { try world.starling.singleSignOn.signIn(identity()) }
        #expect(try auditActions(world, for: ada.id) == [.signInRefused])

        let linking = try TestWorld(signInPolicy: SignInPolicy(linksByVerifiedEmail: true))
        let ben = try linking.member("ben")
        #expect(throws: DomainError.self) { try linking.starling.singleSignOn.signIn(identity(email: "ben@example.org", verified: false)) }
        let (linked, _) = try linking.starling.singleSignOn.signIn(identity(email: "BEN@example.org"))
        #expect(linked.id == ben.id)
        #expect(try auditActions(linking, for: ben.id) == [.linkIdentity, .signInRefused])
    }

    @Test("roles follow the provider's groups at every sign-in, recorded in the audit log")
    func rolesFollowGroups() throws {
        let world = try TestWorld(signInPolicy: SignInPolicy(adminGroups: ["starling-admins"], moderatorGroups: ["moderators"]))
        let (first, _) = try world.starling.singleSignOn.signIn(identity(groups: ["staff", "moderators"]))
        #expect(first.role == .moderator)
        let (promoted, _) = try world.starling.singleSignOn.signIn(identity(groups: ["moderators", "starling-admins"]))
        #expect(promoted.role == .admin)
        let (demoted, _) = try world.starling.singleSignOn.signIn(identity(groups: []))
        #expect(try demoted.role == .member && world.store.account(id: first.id)?.role == .member)
        #expect(try auditActions(world, for: first.id).filter { $0 == .changeRole }.count == 2)
    }

    @Test("a deactivated account cannot sign in through the provider, and the refusal is audited")
    func deactivatedAccountIsRefused() throws {
        let world = try TestWorld()
        let admin = try world.member("root", role: .admin)
        let (ada, _) = try world.starling.singleSignOn.signIn(identity())
        try world.starling.provisioning.setActive(ada, false, by: admin)
        #expect(throws: DomainError.forbidden("This account was deactivated when its owner left the organization. Ask an admin if that is wrong.")) {
            try world.starling.singleSignOn.signIn(identity())
        }
        #expect(try auditActions(world, for: ada.id).contains(.signInRefused))
    }

    @Test("an account made by single sign-on has no password: the sign-in form and the password grant say so")
    func singleSignOnAccountHasNoPassword() throws {
        let world = try TestWorld()
        let (ada, _) = try world.starling.singleSignOn.signIn(identity())
        let refusal = DomainError.forbidden("@ada signs in through the organization's single sign-on, not with a password here.")
        #expect(throws: refusal) { try world.starling.accounts.signIn(login: ada.username, password: "") }
        #expect(throws: refusal) { try world.starling.accounts.signIn(login: "ada@example.org", password: "anything at all") }
        let app = try world.starling.oauth.registerApp(name: "Phone", redirectURIs: OAuthService.outOfBand, scopes: "read write", website: nil)
        try world.starling.oauth.setPasswordGrant(true, by: try world.member("root", role: .admin))
        #expect(throws: OAuthService.InvalidGrant(reason: refusal.message)) {
            try world.starling.oauth.grantPassword(app: app.0, login: "ada", password: "guess-guess", scope: nil)
        }
    }

    @Test("with local passwords off, only break-glass admins and guests sign in with a password")
    func localPasswordsOff() throws {
        let world = try TestWorld(signInPolicy: SignInPolicy(localPasswords: false, breakGlassAdmins: ["Root"]))
        let root = try world.member("root", role: .admin)
        try world.member("otheradmin", role: .admin)
        try world.member("ben")
        let program = try world.starling.programs.create(.init(title: "Onboarding", hashtag: "#onboarding", visibility: "private"), by: root)
        try world.guest("expert", invitedTo: program.id, by: root)
        #expect(try world.starling.accounts.signIn(login: "root", password: "password1").0.id == root.id)
        #expect(try world.starling.accounts.signIn(login: "expert", password: "password1").0.username == "expert")
        for username in ["ben", "otheradmin"] {
            #expect(throws: DomainError.forbidden("@\(username) signs in through the organization's single sign-on, not with a password here.")) {
                try world.starling.accounts.signIn(login: username, password: "password1")
            }
        }
    }
}
