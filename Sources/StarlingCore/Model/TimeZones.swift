import Foundation

/// The time zones people choose from: IANA names ("Europe/Berlin"), as the system knows them.
public enum TimeZones {
    /// Every region's zones by area ("Europe", "America", ...), sorted, with UTC on its own.
    public static let all: [String] = {
        let names = TimeZone.knownTimeZoneIdentifiers.filter { name in
            name == "UTC" || ["Africa", "America", "Antarctica", "Asia", "Atlantic", "Australia", "Europe", "Indian", "Pacific"]
                .contains { name.hasPrefix($0 + "/") }
        }
        return Array(Set(names + ["UTC"])).sorted()
    }()

    private static let known = Set(all)

    /// Whether `name` is one of the zones offered (a region's name, or UTC).
    public static func isKnown(_ name: String) -> Bool { known.contains(name) }

    /// The zone a person reads times in: their own, else the organization's.
    public static func zone(of account: Account?, settings: InstanceSettings) -> TimeZone {
        TimeZone(identifier: account?.timeZone ?? settings.timeZone) ?? .gmt
    }
}
