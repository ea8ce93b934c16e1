import ArgumentParser
import Foundation
import StarlingCore

/// How `starling serve` opens federation: `--federation MODE` sets the mode at start (kept, as an admin's change is).
struct FederationOptions: ParsableArguments {
    @Option(help: "Federation at start: off, allowlist or open (env STARLING_FEDERATION; default: as an admin last set it, off at first).")
    var federation: String?

    @Flag(name: .customLong("federation-allow-private-addresses"),
          help: "Let federation reach loopback and private addresses, over plain http too: for tests and labs only (env STARLING_FEDERATION_ALLOW_PRIVATE_ADDRESSES=1).")
    var allowPrivateAddresses = false

    var allowsPrivateAddresses: Bool { allowPrivateAddresses || env("STARLING_FEDERATION_ALLOW_PRIVATE_ADDRESSES") == "1" }

    /// The mode asked for at start, if any.
    func mode() throws -> FederationMode? {
        guard let text = federation ?? env("STARLING_FEDERATION") else { return nil }
        do {
            return try FederationMode(parsing: text)
        } catch let error as DomainError {
            throw ValidationError("--federation: \(error.message)")
        }
    }
}

/// `starling admin federation …`: the mode, the allowed and blocked domains, and relays.
struct FederationCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "federation",
        abstract: "Show or change federation: its mode, the allowed and blocked domains, and relays.",
        subcommands: [List.self, Allow.self, Block.self, Forget.self, Mode.self, Relays.self, Subscribe.self, Unsubscribe.self, TagRelay.self],
        defaultSubcommand: List.self
    )

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Print the mode and every allowed and blocked domain.")
        @OptionGroup var options: DataOptions

        func run() async throws {
            let federation = try await options.open().federation
            say("mode \(try await federation.mode().rawValue)")
            for rule in try await federation.rules(by: nil) { say("\(rule.kind.rawValue) \(rule.domain)") }
        }
    }

    struct Allow: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Put a domain on the allow list (off the block list).")
        @Argument(help: "The domain, such as social.example or 127.0.0.1:8081.") var domain: String
        @OptionGroup var options: DataOptions

        func run() async throws { try await putOnList(domain, as: .allow, options: options) }
    }

    struct Block: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Put a domain on the block list (off the allow list); a block wins over any allow.")
        @Argument(help: "The domain; its subdomains are blocked too.") var domain: String
        @OptionGroup var options: DataOptions

        func run() async throws { try await putOnList(domain, as: .block, options: options) }
    }

    struct Forget: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Take a domain off the allow and block lists.")
        @Argument(help: "The domain.") var domain: String
        @OptionGroup var options: DataOptions

        func run() async throws {
            try await reported { try await options.open().federation.forget(domain, by: nil) }
            say("\(domain) is on neither list now.")
        }
    }

    struct Mode: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Set the mode: off, allowlist or open.")
        @Argument(help: "off, allowlist or open.") var mode: String
        @OptionGroup var options: DataOptions

        func run() async throws {
            let chosen: FederationMode = try await reported {
                let chosen = try FederationMode(parsing: mode)
                try await options.open().federation.setMode(chosen, by: nil)
                return chosen
            }
            say("Federation is \(chosen.rawValue).")
        }
    }
}

extension FederationCommand {
    struct Relays: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Print where hashtags' relays are, and every relay subscribed, with its state.")
        @OptionGroup var options: DataOptions

        func run() async throws {
            let relays = try await options.open().relays
            say("tag-relay \(try await relays.tagRelay() ?? "none")")
            for relay in try await relays.relays(by: nil) {
                say("\(relay.id) \(relay.state.rawValue) \(relay.address)\(relay.tag.map { " #\($0)" } ?? "")")
            }
        }
    }

    struct Subscribe: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Subscribe to a relay (its inbox, or a tag relay's address) on an admitted domain.")
        @Argument(help: "The relay's address, such as https://relay.example/inbox.") var address: String
        @OptionGroup var options: DataOptions

        func run() async throws {
            let relay = try await reported { try await options.open().relays.subscribe(address, by: nil) }
            say("Subscribing to \(relay.address) (relay \(relay.id)): asked now, read once it accepts.")
        }
    }

    struct Unsubscribe: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "End a relay subscription (by the number `relays` prints); the relay hears it.")
        @Argument(help: "The relay's number.") var relay: String
        @OptionGroup var options: DataOptions

        func run() async throws {
            guard let id = ID(relay) else { throw ValidationError("Give the relay's number, as `starling admin federation relays` prints it.") }
            try await reported(notFound: "No relay has that number.") { try await options.open().relays.unsubscribe(id, by: nil) }
            say("The subscription to relay \(relay) ended.")
        }
    }

    struct TagRelay: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "tag-relay",
            abstract: "Set where hashtags' relays are, {tag} standing for the hashtag (https://relay.example/tag/{tag}); \"\" for none.")
        @Argument(help: "The address, with {tag}; an empty string for none.") var template: String
        @OptionGroup var options: DataOptions

        func run() async throws {
            try await reported { try await options.open().relays.setTagRelay(template, by: nil) }
            say(template.isEmpty ? "No relay for hashtags." : "Hashtags' relays are at \(template).")
        }
    }
}

/// Puts a domain on a list and says so.
private func putOnList(_ domain: String, as kind: DomainRule.Kind, options: DataOptions) async throws {
    let kept: RemoteDomain = try await reported { try await options.open().federation.list(domain, as: kind, by: nil) }
    say("\(kind == .allow ? "Allowed" : "Blocked") \(kept).")
}

/// Runs `body`, turning a rule it breaks into the command's error message (`notFound` when what it names is not there).
private func reported<T>(notFound: String = "That domain is on neither list.", _ body: () async throws -> T) async throws -> T {
    do {
        return try await body()
    } catch DomainError.notFound {
        throw ValidationError(notFound)
    } catch let error as DomainError {
        throw ValidationError(error.message)
    }
}
