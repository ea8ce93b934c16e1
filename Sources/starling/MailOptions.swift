import ArgumentParser
import Foundation
import StarlingCore
import StarlingMail

/// The organization's mail server. Without `--smtp-host`, Starling sends no email and its pages say so.
/// Each flag falls back to a `STARLING_SMTP_*` environment variable (the password only comes from there).
struct MailOptions: ParsableArguments {
    @Option(help: "Mail server host name; turns email on (env STARLING_SMTP_HOST).")
    var smtpHost: String?
    @Option(help: "Mail server port (env STARLING_SMTP_PORT; default 587, or 465 with --smtp-security tls, 25 with none).")
    var smtpPort: Int?
    @Option(help: "starttls (upgrade after connecting), tls (from the start) or none (a relay on this machine only) (env STARLING_SMTP_SECURITY; default starttls).")
    var smtpSecurity: String?
    @Option(help: "User name for the mail server; its password comes from STARLING_SMTP_PASSWORD (env STARLING_SMTP_USER).")
    var smtpUser: String?
    @Option(help: "The From address, e.g. \"Acme Learning <learning@acme.example>\" (env STARLING_SMTP_FROM; required with --smtp-host).")
    var smtpFrom: String?
    @Option(help: "PEM file of the CAs trusted for the mail server's certificate (env STARLING_SMTP_CA_FILE; default the system's).")
    var smtpCAFile: String?
    @Option(help: "Seconds one email may take to hand over (env STARLING_SMTP_TIMEOUT; default 20).")
    var smtpTimeout: Int?

    /// The mail server as configured, or nil when email is off.
    func mailer() throws -> SMTPMailer? {
        guard let host = smtpHost ?? env("STARLING_SMTP_HOST") else { return nil }
        let securityName = (smtpSecurity ?? env("STARLING_SMTP_SECURITY") ?? "starttls").lowercased()
        guard let security = SMTPSettings.Security(rawValue: securityName) else {
            throw ValidationError("--smtp-security is starttls, tls or none, not \(securityName).")
        }
        let defaultPort = switch security { case .startTLS: 587; case .tls: 465; case .none: 25 }
        let port = try smtpPort ?? env("STARLING_SMTP_PORT").map {
            guard let port = Int($0) else { throw ValidationError("STARLING_SMTP_PORT must be a number.") }
            return port
        } ?? defaultPort
        guard (1...65_535).contains(port) else { throw ValidationError("The mail server's port is between 1 and 65535.") }
        guard let sender = smtpFrom ?? env("STARLING_SMTP_FROM") else {
            throw ValidationError("Email needs a From address (--smtp-from \"Acme Learning <learning@acme.example>\").")
        }
        let timeout = try smtpTimeout ?? env("STARLING_SMTP_TIMEOUT").map {
            guard let seconds = Int($0) else { throw ValidationError("STARLING_SMTP_TIMEOUT must be a number.") }
            return seconds
        } ?? 20
        guard (1...300).contains(timeout) else { throw ValidationError("--smtp-timeout is between 1 and 300 seconds.") }
        let settings = SMTPSettings(host: host, port: port, security: security, username: smtpUser ?? env("STARLING_SMTP_USER"),
                                    password: env("STARLING_SMTP_PASSWORD") ?? "", sender: sender,
                                    caFile: smtpCAFile ?? env("STARLING_SMTP_CA_FILE"), timeout: .seconds(timeout))
        guard settings.senderAddress.contains("@") else {
            throw ValidationError("The From address needs an email address, e.g. \"Acme Learning <learning@acme.example>\".")
        }
        return SMTPMailer(settings: settings)
    }
}
