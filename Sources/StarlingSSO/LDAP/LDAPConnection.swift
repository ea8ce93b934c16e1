import CLDAP
import Foundation
import StarlingCore

/// One connection to the directory through libldap's synchronous calls: to be used on one thread of the
/// blocking pool, and closed there.
final class LDAPConnection {
    /// One entry a search found: its DN and the values of the attributes asked for.
    struct Entry {
        var dn: String
        var attributes: [String: [String]]

        func first(_ attribute: String) -> String? {
            attributes.first { $0.key.caseInsensitiveCompare(attribute) == .orderedSame }?.value.first
        }
    }

    private var handle: OpaquePointer?
    private let timeout: timeval

    init(_ configuration: LDAPConfiguration) throws {
        let seconds = configuration.timeout.components.seconds
        timeout = timeval(tv_sec: Int(seconds), tv_usec: 0)
        guard ldap_initialize(&handle, configuration.url) == LDAP_SUCCESS, handle != nil else {
            throw SignOnFailure(.unreachable, "The directory URL \(configuration.url) cannot be used.")
        }
        var version = LDAP_VERSION3
        var network = timeout
        var limit = Int32(seconds)
        ldap_set_option(handle, LDAP_OPT_PROTOCOL_VERSION, &version)
        ldap_set_option(handle, LDAP_OPT_NETWORK_TIMEOUT, &network)
        ldap_set_option(handle, LDAP_OPT_TIMEOUT, &network)
        ldap_set_option(handle, LDAP_OPT_TIMELIMIT, &limit)
        ldap_set_option(handle, LDAP_OPT_REFERRALS, nil) // LDAP_OPT_OFF: never follow a referral elsewhere
        if let caFile = configuration.caFile {
            var demand = LDAP_OPT_X_TLS_HARD
            var newContext: Int32 = 0
            ldap_set_option(handle, LDAP_OPT_X_TLS_CACERTFILE, caFile)
            ldap_set_option(handle, LDAP_OPT_X_TLS_REQUIRE_CERT, &demand)
            ldap_set_option(handle, LDAP_OPT_X_TLS_NEWCTX, &newContext)
        }
        if configuration.startTLS {
            let result = ldap_start_tls_s(handle, nil, nil)
            guard result == LDAP_SUCCESS else {
                close()
                throw SignOnFailure(.unreachable, "The directory did not start TLS: \(Self.describe(result)).")
            }
        }
    }

    func close() {
        if let handle { ldap_unbind_ext_s(handle, nil, nil) }
        handle = nil
    }

    /// A simple bind; a wrong password here is the configuration's fault (the service account), so it is "unreachable".
    func bind(dn: String?, password: String, what: String) throws {
        guard let dn else { return } // anonymous
        let result = simpleBind(dn: dn, password: password)
        guard result == LDAP_SUCCESS else {
            throw SignOnFailure(.unreachable, "The directory refused \(what) (\(Self.describe(result))). Tell an admin.")
        }
    }

    /// Binds as a person: true when the password is theirs.
    func bindChecking(dn: String, password: String) throws -> Bool {
        let result = simpleBind(dn: dn, password: password)
        switch result {
        case LDAP_SUCCESS: return true
        case LDAP_INVALID_CREDENTIALS: return false
        default: throw Self.failure(result)
        }
    }

    private func simpleBind(dn: String, password: String) -> Int32 {
        var bytes = Array(password.utf8CString.dropLast())
        return bytes.withUnsafeMutableBufferPointer { buffer in
            var credentials = berval(bv_len: ber_len_t(buffer.count), bv_val: buffer.baseAddress)
            return ldap_sasl_bind_s(handle, dn, nil, &credentials, nil, nil, nil)
        }
    }

    func search(base: String, scope: Int32, filter: String, attributes: [String]) throws -> [Entry] {
        var names = attributes.map { strdup($0) } + [nil]
        defer { for name in names { free(name) } }
        var result: OpaquePointer?
        var limit = timeout
        let status = ldap_search_ext_s(handle, base, scope, filter, &names, 0, nil, nil, &limit, 50, &result)
        defer { if result != nil { ldap_msgfree(result) } }
        guard status == LDAP_SUCCESS || status == LDAP_NO_SUCH_OBJECT else { throw Self.failure(status) }
        var entries: [Entry] = []
        var message = ldap_first_entry(handle, result)
        while let current = message {
            var entry = Entry(dn: "", attributes: [:])
            if let dn = ldap_get_dn(handle, current) {
                entry.dn = String(cString: dn)
                ldap_memfree(dn)
            }
            for name in attributes {
                guard let values = ldap_get_values_len(handle, current, name) else { continue }
                var index = 0
                while let value = values[index] {
                    let bytes = UnsafeRawBufferPointer(start: value.pointee.bv_val, count: Int(value.pointee.bv_len))
                    entry.attributes[name, default: []].append(String(decoding: bytes, as: UTF8.self))
                    index += 1
                }
                ldap_value_free_len(values)
            }
            entries.append(entry)
            message = ldap_next_entry(handle, current)
        }
        return entries
    }

    /// The DNs of the group entries that list the person (`member`/`uniqueMember` by DN, `memberUid` by uid).
    func groups(of dn: String, uid: String?, base: String) throws -> [String] {
        var filter = "(|(member=\(try Self.escapedFilterValue(dn)))(uniqueMember=\(try Self.escapedFilterValue(dn)))"
        if let uid { filter += "(memberUid=\(try Self.escapedFilterValue(uid)))" }
        filter += ")"
        return try search(base: base, scope: LDAP_SCOPE_SUBTREE, filter: filter, attributes: ["cn"]).map(\.dn)
    }

    /// A value escaped for a search filter by libldap (RFC 4515: `*`, `(`, `)`, `\` and NUL), so what a
    /// person types stays a value.
    static func escapedFilterValue(_ value: String) throws -> String {
        var bytes = Array(value.utf8CString.dropLast())
        var escaped = berval(bv_len: 0, bv_val: nil)
        let status = bytes.withUnsafeMutableBufferPointer { buffer in
            var input = berval(bv_len: ber_len_t(buffer.count), bv_val: buffer.baseAddress)
            return ldap_bv2escaped_filter_value(&input, &escaped)
        }
        guard status == LDAP_SUCCESS, let pointer = escaped.bv_val else {
            throw SignOnFailure(.refused, "That username cannot be looked up.")
        }
        defer { ldap_memfree(pointer) }
        return String(decoding: UnsafeRawBufferPointer(start: pointer, count: Int(escaped.bv_len)), as: UTF8.self)
    }

    /// The `cn` of a DN such as `cn=admins,ou=groups,dc=example,dc=org` (groups can be named by either in the role settings).
    static func commonName(of dn: String) -> String? {
        guard let first = dn.split(separator: ",").first, first.lowercased().hasPrefix("cn=") else { return nil }
        return String(first.dropFirst(3))
    }

    private static func failure(_ status: Int32) -> SignOnFailure {
        let unreachable = [LDAP_SERVER_DOWN, LDAP_TIMEOUT, LDAP_CONNECT_ERROR, LDAP_TIMELIMIT_EXCEEDED, LDAP_UNAVAILABLE, LDAP_BUSY].contains(status)
        return SignOnFailure(unreachable ? .unreachable : .refused, unreachable
            ? "The organization's directory did not answer (\(describe(status))). Try again in a moment, or tell an admin."
            : "The directory refused the sign-in (\(describe(status))).")
    }

    static func describe(_ status: Int32) -> String {
        ldap_err2string(status).map { String(cString: $0) } ?? "error \(status)"
    }
}
