import Foundation
import StarlingCore

/// NodeInfo 2.1: which software a server runs and which protocols it speaks. Starling names itself and
/// ActivityPub and keeps its usage empty: how many people an organization has is not for outsiders.
public enum NodeInfo {
    public static let schema = "http://nodeinfo.diaspora.software/ns/schema/2.1"
    public static let contentType = #"application/json; profile="http://nodeinfo.diaspora.software/ns/schema/2.1#""#

    /// `/.well-known/nodeinfo`: the link to the document.
    public static func links(base: String) -> JSONValue {
        ["links": [["rel": .string(schema), "href": .string(base + "/nodeinfo/2.1")]]]
    }

    /// The document. Registrations are closed to outsiders whatever the organization's own sign-up is.
    public static func document(name: String) -> JSONValue {
        [
            "version": "2.1",
            "software": [
                "name": "starling",
                "version": .string(InstanceSettings.starlingVersion),
            ],
            "protocols": ["activitypub"],
            "services": ["inbound": [], "outbound": []],
            "openRegistrations": false,
            "usage": ["users": [:]],
            "metadata": ["nodeName": .string(name)],
        ]
    }
}
